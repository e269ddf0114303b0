namespace Weft.Support.Conversations;

/// <summary>
/// What a refused reply missed: the customer messages and replies that came after the message its writer last saw, and
/// the newest message id (sending again with it as <c>seenUpTo</c> sends anyway). The <c>errors</c> of the 409.
/// </summary>
internal sealed record ChangedSinceRead(long Latest, IReadOnlyList<MessageDto> Messages);
