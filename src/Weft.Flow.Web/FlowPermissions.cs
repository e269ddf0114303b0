namespace Weft.Flow.Web;

/// <summary>The engine's permissions; each is also the name of its authorization policy.</summary>
public static class FlowPermissions
{
    /// <summary>Read graphs, jobs, tokens, work items, agents, inbox, statistics.</summary>
    public const string Read = "flow:read";

    /// <summary>Claim, start, pause, resume, complete, hand off and requeue work items, as one's own agent.</summary>
    public const string Work = "flow:work";

    /// <summary>Edit and publish graphs, start jobs, cancel tokens, manage agents, resolve the inbox.</summary>
    public const string Manage = "flow:manage";
}
