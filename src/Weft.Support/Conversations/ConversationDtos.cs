namespace Weft.Support.Conversations;

/// <summary>The customer a conversation is with, as the one who starts it names them.</summary>
internal sealed record CustomerRef(string? Name, string? Email, string? Language);

/// <summary>The body of <c>POST /api/v1/support/conversations</c>: who, over which channel, about what, and the first message.</summary>
internal sealed record StartConversationRequest(CustomerRef? Customer, string? Channel, string? Subject, string? Message, string? Priority, string? ClientId)
{
    /// <summary>The ids of uploads (<c>POST /api/v1/support/uploads</c>) the first message carries.</summary>
    public IReadOnlyList<long>? Attachments { get; init; }

    /// <summary>The channel's id of the first message (an email's Message-ID); set by Weft's own channels, never read from the API.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? ExternalId { get; init; }
}

/// <summary>The body of <c>POST /api/v1/support/conversations/{id}/messages</c>.</summary>
/// <param name="SeenUpTo">The id of the last message the writer saw: when a customer message or a reply came after it, the
/// message is refused (409 <c>conversation_changed_since_read</c>, with what came) so that two people do not answer at once.</param>
internal sealed record AddMessageRequest(string? Kind, string? Body, string? ClientId, long? SeenUpTo = null)
{
    /// <summary>The ids of uploads (<c>POST /api/v1/support/uploads</c>, or the widget's) the message carries.</summary>
    public IReadOnlyList<long>? Attachments { get; init; }

    /// <summary>The channel's id of the message (an email's Message-ID): one already stored is not recorded again. Not read from the API.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? ExternalId { get; init; }
}

/// <summary>The body of <c>POST /api/v1/support/conversations/{id}/status</c>.</summary>
internal sealed record ChangeStatusRequest(string? Status, int? Version);

/// <param name="Citations">What an AI answer cites: [{rank, document, heading, base, excerpt}], its [n] marks pointing at the ranks.</param>
/// <param name="Delivery">For a reply in an email conversation: <c>pending</c>, <c>sent</c> or <c>failed</c>.</param>
/// <param name="Attachments">Its files (downloaded by id).</param>
internal sealed record MessageDto(long Id, long Conversation, string Kind, string? Author, string AuthorName, string Body, DateTime CreatedAt, string? ClientId,
    System.Text.Json.Nodes.JsonArray? Citations, string? Delivery = null, IReadOnlyList<Attachments.AttachmentDto>? Attachments = null);

internal sealed record ConversationDto(
    long Id, long Number, long Customer, string CustomerName, string? CustomerEmail, string Channel, string Subject, string Status, string Priority,
    string? Assignee, string? Team, string? Intent, double? IntentConfidence, string? Language, string? Sentiment, string? HandoverReason,
    string? Summary, long? Job, string? SlaPolicy, DateTime? ReplyDueAt, DateTime? ResolutionDueAt, DateTime CreatedAt, DateTime UpdatedAt, DateTime? FirstReplyAt, DateTime? SolvedAt, int? CsatScore, string? CsatComment,
    int Version, string? Type, IReadOnlyList<string> Tags, long? MergedInto = null, long? SplitFrom = null);

/// <summary>A conversation with its messages (all of them, or those after the id a client last saw).</summary>
internal sealed record ConversationDetail(ConversationDto Conversation, IReadOnlyList<MessageDto> Messages);

/// <summary>The body of a customer's rating: <c>score</c> 1-5 and an optional comment.</summary>
internal sealed record RateRequest(int? Score, string? Comment);

/// <summary>The views of the agent workspace.</summary>
internal static class WorkspaceViews
{
    public const string Unassigned = "unassigned";
    public const string Mine = "mine";
    public const string Breaching = "breaching";
    public const string Open = "open";
    /// <summary>The open conversations that have a team, team by team.</summary>
    public const string ByTeam = "team";

    public static readonly IReadOnlyList<string> All = [Unassigned, Mine, ByTeam, Breaching, Open];
}

/// <summary>The conversations of one workspace view, and how many each view holds.</summary>
internal sealed record WorkspaceView(IReadOnlyList<ConversationDto> Conversations, IReadOnlyDictionary<string, int> Counts);
