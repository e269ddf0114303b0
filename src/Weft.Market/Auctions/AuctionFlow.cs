using Weft.Flow;
using Weft.Flow.Contracts;
using Weft.Flow.Definitions;

namespace Weft.Market.Auctions;

/// <summary>
/// Every auction's close runs on the engine, one job per auction: its token waits at a timer until the <c>endsAt</c> of
/// the job's data (a late bid moves it, ADR 0025), then the market's software agent closes the auction. The timer lives in
/// the database, so an auction closes on time across restarts, and a close that failed is retried and shown in the
/// control center like any other work.
/// </summary>
internal static class AuctionFlow
{
    public const string Graph = "market-auction";
    public const string Agent = "market-auctioneer";
    public const string Closing = "auction-closing";
    public const string EndsAtField = "endsAt";

    public static GraphDefinition Definition { get; } = new()
    {
        Nodes =
        [
            new NodeDefinition { Key = "start", Type = NodeType.Start, Name = "Scheduled" },
            new NodeDefinition { Key = "bidding", Type = NodeType.Timer, Name = "Bidding until the end", UntilField = EndsAtField },
            new NodeDefinition { Key = "close", Type = NodeType.Task, Name = "Close the auction", Capability = Closing, Assignment = AssignmentMode.Auto },
            new NodeDefinition { Key = "end", Type = NodeType.End, Name = "Closed" },
        ],
        Edges =
        [
            new EdgeDefinition { From = "start", To = "bidding" },
            new EdgeDefinition { From = "bidding", To = "close" },
            new EdgeDefinition { From = "close", To = "end" },
        ],
    };

    public static async Task EnsureAsync(FlowEngine engine, CancellationToken ct)
    {
        var system = new CommandContext("market");
        await FlowSetup.EnsureGraphAsync(engine, system, Graph, "Market: an auction's close", Definition, ct);
        await FlowSetup.EnsureAgentAsync(engine, system, new RegisterAgentRequest(Agent, "Auctioneer", "service",
            [new CapabilityDto(Closing)], 100, "available", AgentTiers.Revenue, "Closes live auctions when their time is up: ranks the bids, applies the reserve, names the winner."), ct);
    }
}
