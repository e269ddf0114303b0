namespace Weft.Flow.Web.Inbox;

/// <summary>How a manager resolves an inbox entry: one of the engine's resolve actions, and the agent for <c>assign</c>.</summary>
public sealed record InboxDecision(InboxLine Line, string Action, string? Agent = null)
{
    public const string Assign = "assign";
    public const string Requeue = "requeue";
    public const string Retry = "retry";
    public const string Dismiss = "dismiss";
}
