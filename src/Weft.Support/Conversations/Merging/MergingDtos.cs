namespace Weft.Support.Conversations.Merging;

/// <summary>
/// The body of <c>POST /api/v1/support/conversations/{id}/merge</c>: the conversation to merge into, the source's version
/// as the caller saw it (and the target's, if they want that checked too), and, when the two are different customers'
/// conversations, <c>differentCustomers: true</c> to confirm that each customer will then read the other's messages.
/// </summary>
internal sealed record MergeRequest(long? Into, int? Version, int? IntoVersion, bool? DifferentCustomers);

/// <summary>What a merge did: the closed source, the target with the moved history, and how many messages moved.</summary>
internal sealed record MergeResult(ConversationDto Source, ConversationDto Target, int MovedMessages);

/// <summary>
/// The body of <c>POST /api/v1/support/conversations/{id}/split</c>: the ids of the messages to move to a new
/// conversation, its subject (else taken from the source's), and the source's version as the caller saw it.
/// </summary>
internal sealed record SplitRequest(IReadOnlyList<long>? Messages, string? Subject, int? Version);

/// <summary>What a split did: the source as it is now, and the new conversation with its messages.</summary>
internal sealed record SplitResult(ConversationDto Source, ConversationDetail Conversation);
