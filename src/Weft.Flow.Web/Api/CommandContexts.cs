using System.Security.Claims;
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
        var agent = LinkedAgent(http.User);
        if (agentFromBody is not null && agentFromBody != agent)
            throw WeftException.Forbidden("not_your_agent", $"You act as agent '{agent}', not '{agentFromBody}'.");
        return For(http) with { Agent = agent, ExpectedVersion = expectedVersion };
    }

    /// <summary>The context of a work-item command sent from a page: the caller, as the database knows them now, acts as their agent.</summary>
    public static CommandContext ForAgent(ClaimsPrincipal caller, int? expectedVersion) =>
        new(ActorName(caller), Agent: LinkedAgent(caller), ExpectedVersion: expectedVersion);

    /// <summary>The context of a command sent from a page: the caller is its actor.</summary>
    public static CommandContext For(ClaimsPrincipal caller) => new(ActorName(caller));

    /// <summary>The agent a caller works items as; refused when their account has none.</summary>
    public static string LinkedAgent(ClaimsPrincipal caller) =>
        caller.AgentOf()
        ?? throw WeftException.Forbidden("no_linked_agent", "Your account is not linked to an agent, so it cannot work items; an admin can link one.");

    /// <summary>The context of a command: the signed-in caller is its actor.</summary>
    public static CommandContext For(HttpContext http)
    {
        var actor = ActorName(http.User);
        return IdempotencyKeys.Of(http) is { } idempotency
            ? new CommandContext(actor, idempotency.Key, idempotency.Fingerprint)
            : new CommandContext(actor);
    }

    private static string ActorName(ClaimsPrincipal caller) =>
        caller.ActorOf() ?? throw new InvalidOperationException("Commands are only reachable by authenticated callers.");
}
