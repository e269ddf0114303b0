namespace Weft.Support.Conversations;

/// <summary>Where a conversation stands; <see cref="Closed"/> is final (a customer writing again starts a new one).</summary>
internal static class ConversationStatuses
{
    public const string New = "new";
    public const string Open = "open";
    public const string Pending = "pending";
    public const string OnHold = "on_hold";
    public const string Solved = "solved";
    public const string Closed = "closed";

    public static readonly IReadOnlyList<string> All = [New, Open, Pending, OnHold, Solved, Closed];
}
