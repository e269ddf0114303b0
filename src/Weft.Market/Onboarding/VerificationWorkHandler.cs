using Weft.Flow.Automation;

namespace Weft.Market.Onboarding;

/// <summary>The market's software agent: re-checks a verified supplier's certificates when its watch's timer fires (idempotent: a repeat finds the watch gone).</summary>
internal sealed class VerificationWorkHandler(CertificateWatch watch) : IAgentHandler
{
    public async Task<AgentResult> HandleAsync(AgentWork work, CancellationToken ct)
    {
        var organization = work.Data["organization"]?.GetValue<long>() ?? throw new InvalidOperationException($"Job {work.JobReference} has no 'organization' in its data.");
        return work.Capability switch
        {
            VerificationFlow.Rechecking => await watch.RecheckAsync(work.Tenant, organization, work.JobId, ct),
            _ => throw new InvalidOperationException($"The supplier verifier does not do '{work.Capability}'."),
        };
    }
}
