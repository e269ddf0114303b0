namespace Weft.Support.Conversations;

/// <summary>
/// The body of <c>PATCH /api/v1/support/conversations/{id}</c>: what to change (a field left out stays as it is). <c>type</c>
/// <c>""</c> clears it; <c>assignee</c> <c>""</c> gives the conversation back to the team.
/// </summary>
internal sealed record EditConversationRequest(int? Version, string? Priority, string? Type, List<string?>? AddTags, List<string?>? RemoveTags, string? Assignee);
