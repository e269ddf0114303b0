namespace Weft.Support.Live;

/// <summary>The body of <c>PUT /api/v1/support/conversations/{id}/presence</c>: the caller has the conversation open, and is writing or not.</summary>
internal sealed record PresenceRequest(bool? Typing);

/// <summary>Who else has the conversation open.</summary>
internal sealed record PresenceDto(long Conversation, IReadOnlyList<PresenceEntry> Others);
