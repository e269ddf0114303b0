using Weft.Flow.Automation;

namespace Weft.Market.Auctions;

/// <summary>The auction flow's software agent: closes the auction whose timer fired. Closing twice finds it closed and answers the same.</summary>
internal sealed class AuctionCloser(Auctions auctions) : IAgentHandler
{
    public async Task<AgentResult> HandleAsync(AgentWork work, CancellationToken ct)
    {
        var auction = work.Data["auction"]?.GetValue<long>() ?? throw new InvalidOperationException($"Job {work.JobReference} has no 'auction' in its data.");
        var outcome = await auctions.CloseAsync(work.Tenant, auction, ct);
        return new AgentResult(Data: new System.Text.Json.Nodes.JsonObject { ["outcome"] = outcome });
    }
}
