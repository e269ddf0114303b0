using Microsoft.AspNetCore.Http;
using Weft.Flow.Contracts;
using Weft.Platform.Errors;
using Weft.Platform.Web.Http;
using Weft.Platform.Web.Security;

namespace Weft.Flow.Web.Api;

/// <summary>
/// Builds the engine's <see cref="CommandContext"/> from a request: who acts, and the
/// Idempotency-Key with a fingerprint of the request it was first used for.
/// </summary>
internal static class CommandContexts
{
    /// <summary>
    /// The context of a work-item command: the caller acts as the agent linked to their account (or
    /// to their API key). The body may name that agent, but no other; an account without an agent
    /// cannot work items. This is the one place that decides the acting agent.
    /// </summary>
    public static CommandContext ForAgent(HttpContext http, string? agentFromBody, int? expectedVersion = null)
    {
        var agent = http.User.AgentOf()
            ?? throw WeftException.Forbidden("no_linked_agent", "Your account is not linked to an agent, so it cannot work items; an admin can link one.");
        if (agentFromBody is not null && agentFromBody != agent)
            throw WeftException.Forbidden("not_your_agent", $"You act as agent '{agent}', not '{agentFromBody}'.");
        return For(http) with { Agent = agent, ExpectedVersion = expectedVersion };
    }

    /// <summary>The context of a command: the signed-in caller is its actor.</summary>
    public static CommandContext For(HttpContext http)
    {
        var actor = http.User.ActorOf() ?? throw new InvalidOperationException("Commands are only reachable by authenticated callers.");
        return IdempotencyKeys.Of(http) is { } idempotency
            ? new CommandContext(actor, idempotency.Key, idempotency.Fingerprint)
            : new CommandContext(actor);
    }
}
