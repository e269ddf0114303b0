using System.Text.Json.Nodes;
using Weft.Flow.Automation;

namespace Weft.Flow.Web.Automation;

/// <summary>
/// Takes the time the data's <c>delayMs</c> says (at most a minute), then completes with the data's
/// <c>outcome</c> and records when it ran: a stand-in for slow software (demos, the crash tests). Does
/// the work of automated agents at nodes of capability <c>weft-delay</c>.
/// </summary>
internal sealed class DelayHandler(TimeProvider clock) : IAgentHandler
{
    public const string Capability = "weft-delay";

    public async Task<AgentResult> HandleAsync(AgentWork work, CancellationToken ct)
    {
        var ms = work.Data["delayMs"] is JsonValue v && v.TryGetValue<int>(out var d) ? Math.Clamp(d, 0, 60_000) : 0;
        await Task.Delay(ms, ct);
        var outcome = work.Data["outcome"] is JsonValue o && o.TryGetValue<string>(out var s) ? s : null;
        return new AgentResult(outcome, new JsonObject
        {
            ["delayedBy"] = work.ExecutionId,
            ["delayedAttempt"] = work.Attempt,
            ["delayedAt"] = clock.GetUtcNow().UtcDateTime,
        });
    }
}
