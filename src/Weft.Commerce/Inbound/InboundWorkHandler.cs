using System.Text.Json.Nodes;
using Weft.Flow.Automation;

namespace Weft.Commerce.Inbound;

/// <summary>
/// The inbound flow's software agent: it decides which received lines quality control samples, and plans where the
/// goods go. Both are idempotent, so a repeat after a crash finds its own work done and answers the same.
/// </summary>
internal sealed class InboundWorkHandler(Asns asns) : IAgentHandler
{
    public async Task<AgentResult> HandleAsync(AgentWork work, CancellationToken ct)
    {
        var asn = work.Data["asn"]?.GetValue<long>() ?? throw new InvalidOperationException($"Job {work.JobReference} has no 'asn' in its data.");
        return work.Capability switch
        {
            InboundFlow.QcPlanning => new AgentResult(Data: new JsonObject { ["needsQc"] = await asns.PlanQcAsync(work.Tenant, asn, ct) ? "yes" : "no" }),
            InboundFlow.PutawayPlanning => await PutawayAsync(work.Tenant, asn, ct),
            _ => throw new InvalidOperationException($"The inbound agent does not do '{work.Capability}'."),
        };
    }

    private async Task<AgentResult> PutawayAsync(long tenant, long asn, CancellationToken ct)
    {
        var open = await asns.PlanPutawayAsync(tenant, asn, ct);
        return new AgentResult(Data: new JsonObject { ["putaways"] = open, ["hasPutaway"] = open > 0 ? "yes" : "no" });
    }
}
