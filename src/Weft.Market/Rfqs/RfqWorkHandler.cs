using Weft.Flow.Automation;

namespace Weft.Market.Rfqs;

/// <summary>The RFQ flow's software agent: it reminds, closes and lapses RFQs. Each step is idempotent, so a repeat after a crash changes nothing.</summary>
internal sealed class RfqWorkHandler(RfqLifecycle lifecycle) : IAgentHandler
{
    public async Task<AgentResult> HandleAsync(AgentWork work, CancellationToken ct)
    {
        var rfq = work.Data["rfq"]?.GetValue<long>() ?? throw new InvalidOperationException($"Job {work.JobReference} has no 'rfq' in its data.");
        switch (work.Capability)
        {
            case RfqFlow.Reminding: await lifecycle.RemindAsync(work.Tenant, rfq, ct); break;
            case RfqFlow.Closing: await lifecycle.CloseAsync(work.Tenant, rfq, ct); break;
            case RfqFlow.Lapsing: await lifecycle.LapseAsync(work.Tenant, rfq, ct); break;
            default: throw new InvalidOperationException($"The RFQ agent does not do '{work.Capability}'.");
        }
        return new AgentResult();
    }
}
