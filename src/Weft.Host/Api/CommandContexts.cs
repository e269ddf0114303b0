using System.Security.Cryptography;
using Weft.Flow.Contracts;
using Weft.Host.Security;
using Weft.Platform.Errors;

namespace Weft.Host.Api;

/// <summary>
/// Builds the engine's <see cref="CommandContext"/> from a request: who acts, and the
/// Idempotency-Key with a fingerprint of the request it was first used for.
/// </summary>
internal static class CommandContexts
{
    public const string IdempotencyHeader = "Idempotency-Key";
    private const string BodyHashItem = "weft.body-hash";

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
        var key = http.Request.Headers[IdempotencyHeader].ToString();
        if (string.IsNullOrEmpty(key)) return new CommandContext(actor);
        if (key.Length > 200 || key.Any(char.IsControl))
            throw WeftException.Invalid("invalid_idempotency_key", "The Idempotency-Key header is at most 200 printable characters.");
        var hash = http.Items[BodyHashItem] as string ?? "";
        var fingerprint = Convert.ToHexString(SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes($"{http.Request.Method} {http.Request.Path} {actor} {hash}")));
        // Keys are scoped to the caller and the endpoint they were sent to (and stored per tenant).
        var scoped = "v2:" + Convert.ToHexString(SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes($"{http.User.SubjectOf()}|{http.Request.Method} {http.Request.Path}|{key}")));
        return new CommandContext(actor, scoped, fingerprint);
    }

    /// <summary>Hashes command bodies (they are small, and limited) so a reused key with another body is refused.</summary>
    public static async Task HashBodyAsync(HttpContext http, Func<Task> next)
    {
        if (HttpMethods.IsGet(http.Request.Method) || !http.Request.Headers.ContainsKey(IdempotencyHeader))
        {
            await next();
            return;
        }
        http.Request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(buffer, http.RequestAborted)) > 0) sha.AppendData(buffer, 0, read);
        http.Request.Body.Position = 0;
        http.Items[BodyHashItem] = Convert.ToHexString(sha.GetHashAndReset());
        await next();
    }
}
