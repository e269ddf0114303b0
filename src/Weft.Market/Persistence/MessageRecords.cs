using Microsoft.EntityFrameworkCore;
using Weft.Platform.Persistence;
using Weft.Platform.Tenancy;

namespace Weft.Market.Persistence;

/// <summary>
/// A conversation between one buyer and one supplier organization about one subject (an RFQ, an auction or a deal); at most
/// one per subject and pair. Each side's unread count is kept here (what the other side wrote since it last read).
/// </summary>
internal sealed class ThreadRecord : ITenantOwned, IVersioned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    /// <summary><c>rfq</c>, <c>auction</c> or <c>deal</c> (<see cref="Messages.ThreadSubjects"/>).</summary>
    public string SubjectKind { get; set; } = "";
    public long SubjectId { get; set; }
    /// <summary>The subject's number and title when the thread began (RFQ-00001 "Battery-grade lithium").</summary>
    public string SubjectNumber { get; set; } = "";
    public string SubjectTitle { get; set; } = "";
    public long BuyerOrganizationId { get; set; }
    public long SupplierOrganizationId { get; set; }
    public int MessageCount { get; set; }
    public string LastText { get; set; } = "";
    public DateTime LastMessageAt { get; set; }
    public int BuyerUnread { get; set; }
    public int SupplierUnread { get; set; }
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }

    public static void Build(ModelBuilder b) => b.Entity<ThreadRecord>(e =>
    {
        e.ToTable("market_threads");
        e.HasIndex(x => new { x.TenantId, x.SubjectKind, x.SubjectId, x.BuyerOrganizationId, x.SupplierOrganizationId }).IsUnique();
        e.HasIndex(x => new { x.TenantId, x.BuyerOrganizationId, x.LastMessageAt });
        e.HasIndex(x => new { x.TenantId, x.SupplierOrganizationId, x.LastMessageAt });
        e.Property(x => x.SubjectKind).HasMaxLength(16);
        e.Property(x => x.SubjectNumber).HasMaxLength(32);
        e.Property(x => x.SubjectTitle).HasMaxLength(200);
        e.Property(x => x.LastText).HasMaxLength(200);
    });
}

/// <summary>One message in a <see cref="ThreadRecord"/>: a person's text, or a meeting's news (proposed, accepted, declined, cancelled).</summary>
internal sealed class ThreadMessageRecord : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long ThreadId { get; set; }
    public long BuyerOrganizationId { get; set; }
    public long SupplierOrganizationId { get; set; }
    public long SenderOrganizationId { get; set; }
    public long SenderUserId { get; set; }
    public string SenderName { get; set; } = "";
    /// <summary><c>text</c> or <c>meeting</c>.</summary>
    public string Kind { get; set; } = "";
    public string Text { get; set; } = "";
    public long? MeetingId { get; set; }
    public DateTime CreatedAt { get; set; }

    public static void Build(ModelBuilder b) => b.Entity<ThreadMessageRecord>(e =>
    {
        e.ToTable("market_thread_messages");
        e.HasIndex(x => new { x.TenantId, x.ThreadId, x.Id });
        e.HasIndex(x => new { x.TenantId, x.SenderUserId, x.CreatedAt });
        e.Property(x => x.SenderName).HasMaxLength(200);
        e.Property(x => x.Kind).HasMaxLength(16);
        e.Property(x => x.Text).HasMaxLength(4000);
    });
}

/// <summary>A file attached to a message; its bytes are a <see cref="MessageAttachmentContentRecord"/>, apart so lists never load them.</summary>
internal sealed class MessageAttachmentRecord : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long ThreadId { get; set; }
    public long MessageId { get; set; }
    public long BuyerOrganizationId { get; set; }
    public long SupplierOrganizationId { get; set; }
    public string Name { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    public string Sha256 { get; set; } = "";

    public static void Build(ModelBuilder b) => b.Entity<MessageAttachmentRecord>(e =>
    {
        e.ToTable("market_message_attachments");
        e.HasIndex(x => new { x.TenantId, x.ThreadId, x.MessageId });
        e.Property(x => x.Name).HasMaxLength(255);
        e.Property(x => x.ContentType).HasMaxLength(100);
        e.Property(x => x.Sha256).HasMaxLength(64);
    });
}

internal sealed class MessageAttachmentContentRecord : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long AttachmentId { get; set; }
    public long BuyerOrganizationId { get; set; }
    public long SupplierOrganizationId { get; set; }
    public byte[] Bytes { get; set; } = [];

    public static void Build(ModelBuilder b) => b.Entity<MessageAttachmentContentRecord>(e =>
    {
        e.ToTable("market_message_attachment_contents");
        e.HasIndex(x => new { x.TenantId, x.AttachmentId }).IsUnique();
    });
}

/// <summary>
/// A video meeting proposed in a thread ("TELEBUY"): when, how long, where (the link made from the marketplace's video
/// service), and its state. <see cref="Uid"/> and <see cref="Sequence"/> are its calendar invitation's: the same UID each
/// time, the sequence one higher with each change, so calendars update the event instead of adding one.
/// </summary>
internal sealed class MeetingRecord : ITenantOwned, IVersioned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long ThreadId { get; set; }
    public long BuyerOrganizationId { get; set; }
    public long SupplierOrganizationId { get; set; }
    public long ProposedByOrganizationId { get; set; }
    public long ProposedByUserId { get; set; }
    public string ProposedByName { get; set; } = "";
    public string ProposedByEmail { get; set; } = "";
    public string Title { get; set; } = "";
    public string Agenda { get; set; } = "";
    public DateTime StartsAt { get; set; }
    public int DurationMinutes { get; set; }
    public string Link { get; set; } = "";
    public string Uid { get; set; } = "";
    public int Sequence { get; set; }
    /// <summary><see cref="Messages.MeetingStates"/>.</summary>
    public string State { get; set; } = "";
    public string? RespondedByName { get; set; }
    public DateTime? RespondedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }

    public static void Build(ModelBuilder b) => b.Entity<MeetingRecord>(e =>
    {
        e.ToTable("market_meetings");
        e.HasIndex(x => new { x.TenantId, x.ThreadId });
        e.HasIndex(x => new { x.TenantId, x.Uid }).IsUnique();
        e.Property(x => x.ProposedByName).HasMaxLength(200);
        e.Property(x => x.ProposedByEmail).HasMaxLength(254);
        e.Property(x => x.Title).HasMaxLength(200);
        e.Property(x => x.Agenda).HasMaxLength(4000);
        e.Property(x => x.Link).HasMaxLength(500);
        e.Property(x => x.Uid).HasMaxLength(100);
        e.Property(x => x.State).HasMaxLength(16);
        e.Property(x => x.RespondedByName).HasMaxLength(200);
    });
}

/// <summary>
/// One invitation mail of a meeting to one person, written in the same unit of work as the change it announces and sent
/// after the commit (<see cref="Messages.MeetingMail"/>): pending until the mail server takes it, tried again less often
/// each time, until sent or failed (with the server's reason); <c>not_configured</c> when no mail server was set up.
/// </summary>
internal sealed class MeetingMailRecord : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long MeetingId { get; set; }
    public long BuyerOrganizationId { get; set; }
    public long SupplierOrganizationId { get; set; }
    public int Sequence { get; set; }
    /// <summary><c>REQUEST</c> or <c>CANCEL</c>.</summary>
    public string Method { get; set; } = "";
    public string Recipient { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    public string Ics { get; set; } = "";
    public string State { get; set; } = "";
    public int Attempts { get; set; }
    public DateTime? DueAt { get; set; }
    public string? Error { get; set; }
    public DateTime? SentAt { get; set; }
    public DateTime CreatedAt { get; set; }

    public static void Build(ModelBuilder b) => b.Entity<MeetingMailRecord>(e =>
    {
        e.ToTable("market_meeting_mails");
        e.HasIndex(x => new { x.TenantId, x.State, x.DueAt });
        e.HasIndex(x => new { x.TenantId, x.MeetingId });
        e.Property(x => x.Method).HasMaxLength(16);
        e.Property(x => x.Recipient).HasMaxLength(254);
        e.Property(x => x.Subject).HasMaxLength(300);
        e.Property(x => x.Body).HasMaxLength(8000);
        e.Property(x => x.Ics).HasMaxLength(32000);
        e.Property(x => x.State).HasMaxLength(16);
        e.Property(x => x.Error).HasMaxLength(1000);
    });
}

/// <summary>The marketplace's own settings, one row per tenant: for now the video service meetings take place on.</summary>
internal sealed class MarketSettingsRecord : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    /// <summary>An https URL with <c>{room}</c> where each meeting's random room name goes (https://meet.jit.si/weft-{room}); null when none.</summary>
    public string? VideoUrlTemplate { get; set; }
    public string? UpdatedBy { get; set; }
    public DateTime UpdatedAt { get; set; }

    public static void Build(ModelBuilder b) => b.Entity<MarketSettingsRecord>(e =>
    {
        e.ToTable("market_settings");
        e.HasIndex(x => x.TenantId).IsUnique();
        e.Property(x => x.VideoUrlTemplate).HasMaxLength(300);
        e.Property(x => x.UpdatedBy).HasMaxLength(200);
    });
}
