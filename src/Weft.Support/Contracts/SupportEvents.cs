using Weft.Platform.Events;

namespace Weft.Support.Contracts;

/// <summary>The stream support's events travel in: a subscriber gets a conversation's events in the order they happened.</summary>
public static class SupportEvents
{
    public const string Stream = "support.conversations";
}

/// <summary>A customer started a conversation (over the widget, email or the API).</summary>
[IntegrationEvent("support.conversation_started")]
public sealed record ConversationStarted(long Conversation, long Number, string Channel, string Subject, string Priority, string CustomerName,
    string? CustomerEmail, string Message, DateTime At);

/// <summary>A message was added to a conversation: the customer's, a person's reply or internal note, or the AI's answer.</summary>
[IntegrationEvent("support.message_added")]
public sealed record MessageAdded(long Conversation, long Number, long Message, string Kind, string AuthorName, string Body, DateTime At);

/// <summary>The AI tier handed a conversation to people: why, the summary they start from, and when their reply is due.</summary>
[IntegrationEvent("support.conversation_handed_over")]
public sealed record ConversationHandedOver(long Conversation, long Number, string Reason, string? Summary, DateTime? ReplyDueAt, DateTime At);

/// <summary>A conversation's status changed (open, pending, on hold, solved, closed).</summary>
[IntegrationEvent("support.conversation_status_changed")]
public sealed record ConversationStatusChanged(long Conversation, long Number, string From, string To, DateTime At);

/// <summary>The customer rated a solved conversation (1-5).</summary>
[IntegrationEvent("support.conversation_rated")]
public sealed record ConversationRated(long Conversation, long Number, int Score, string? Comment, DateTime At);

/// <summary>A person changed a conversation's fields (priority, type, tags, assignee), by hand or with a macro: which changed, and what they are now.</summary>
[IntegrationEvent("support.conversation_updated")]
public sealed record ConversationUpdated(long Conversation, long Number, IReadOnlyList<string> Changed, string Priority, string? Type, IReadOnlyList<string> Tags,
    string? Assignee, DateTime At);
/// <summary>
/// A conversation was merged into another: its messages (their ids unchanged) now belong to <paramref name="Target"/>,
/// and the source is closed, pointing at it.
/// </summary>
[IntegrationEvent("support.conversation_merged")]
public sealed record ConversationMerged(long Source, long SourceNumber, long Target, long TargetNumber, int Messages, DateTime At);

/// <summary>Messages of a conversation were moved to a new conversation of the same customer, which starts its own turn.</summary>
[IntegrationEvent("support.conversation_split")]
public sealed record ConversationSplit(long Source, long SourceNumber, long Conversation, long Number, IReadOnlyList<long> Messages, DateTime At);
