namespace Weft.Market.Messages;

/// <summary>What a thread is about: an RFQ, an auction or a deal.</summary>
public static class ThreadSubjects
{
    public const string Rfq = "rfq";
    public const string Auction = "auction";
    public const string Deal = "deal";

    public static IReadOnlyList<string> All { get; } = [Rfq, Auction, Deal];
}

/// <summary>Where a proposed meeting stands.</summary>
public static class MeetingStates
{
    public const string Proposed = "proposed";
    public const string Accepted = "accepted";
    public const string Declined = "declined";
    public const string Cancelled = "cancelled";

    /// <summary>Whether the meeting is off: its invitation is a cancellation.</summary>
    public static bool Off(string state) => state is Declined or Cancelled;
}

/// <summary>Where one invitation mail stands.</summary>
public static class MailStates
{
    public const string Pending = "pending";
    public const string Sent = "sent";
    public const string Failed = "failed";
    /// <summary>No mail server was configured when the meeting changed: nothing went out (the .ics can still be downloaded).</summary>
    public const string NotConfigured = "not_configured";
}

/// <summary>The first message of a thread: its subject, whom it is with (the buyer side names the supplier), and the text.</summary>
public sealed record StartThreadRequest(string? Subject, long? SubjectId, long? With, string? Text);

public sealed record PostMessageRequest(string? Text);

public sealed record ProposeMeetingRequest(DateTime? StartsAt, int? DurationMinutes, string? Title, string? Agenda);

public sealed record VideoSettingsRequest(string? UrlTemplate);

public sealed record VideoSettingsDto(string? UrlTemplate, string? UpdatedBy, DateTime? UpdatedAt);

/// <summary>A file sent with a message (its bytes are read before anything is stored).</summary>
public sealed record MessageFile(string? Name, byte[] Content);

public sealed record ThreadSummaryDto(
    long Id, string Subject, long SubjectId, string SubjectNumber, string SubjectTitle, long Buyer, string BuyerName, long Supplier, string SupplierName,
    long? Counterpart, string CounterpartName, string LastText, DateTime LastMessageAt, int Messages, int Unread);

public sealed record MessageAttachmentDto(long Id, string Name, string ContentType, long Size);

public sealed record MessageDto(
    long Id, long Thread, string Kind, string Text, long SenderOrganization, string SenderOrganizationName, string SenderName, bool Mine,
    long? Meeting, IReadOnlyList<MessageAttachmentDto> Attachments, DateTime CreatedAt);

/// <summary>How the invitation mails of a meeting's latest change went: <see cref="State"/> is the worst of them (none: <c>none</c>).</summary>
public sealed record MeetingMailDto(string State, int Sent, int Pending, int Failed, string? Error);

public sealed record MeetingDto(
    long Id, long Thread, string Title, string Agenda, DateTime StartsAt, DateTime EndsAt, int DurationMinutes, string Link, string State, int Sequence,
    long ProposedByOrganization, string ProposedByName, bool ProposedByMe, string? RespondedByName, DateTime? RespondedAt, MeetingMailDto Mail,
    DateTime CreatedAt);

public sealed record ThreadDto(ThreadSummaryDto Thread, bool CanPost, IReadOnlyList<MessageDto> Messages, IReadOnlyList<MeetingDto> Meetings);

public sealed record AttachmentFile(string Name, string ContentType, string Sha256, byte[] Content);

public sealed record InvitationFile(string Name, string Method, string Ics);
