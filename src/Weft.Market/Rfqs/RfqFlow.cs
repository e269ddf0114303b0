using System.Globalization;
using System.Text.Json.Nodes;
using Weft.Flow;
using Weft.Flow.Contracts;
using Weft.Flow.Definitions;
using Weft.Market.Persistence;

namespace Weft.Market.Rfqs;

/// <summary>
/// The life of an RFQ, one job each: a timer until a day before the deadline, when the market's agent reminds the invited
/// suppliers who have not quoted; a timer until the deadline, when the agent closes quoting and tells the buyer; then a
/// wait for the buyer's award, which lapses (the agent tells the suppliers) when it does not come in time. An ordinary
/// graph on the engine: it shows in the control center with its history, and a restart loses nothing.
/// </summary>
internal static class RfqFlow
{
    public const string Graph = "market-rfq";
    public const string Agent = "market-rfq";

    public const string Remind = "remind";
    public const string Close = "close";
    public const string Lapse = "lapse";

    /// <summary>What the market's agent does at each step.</summary>
    public const string Reminding = "market-rfq-reminding";
    public const string Closing = "market-rfq-closing";
    public const string Lapsing = "market-rfq-lapsing";

    /// <summary>The message the award sends, correlated by the RFQ's number (the job's reference).</summary>
    public const string AwardedMessage = "market.rfq.awarded";

    /// <summary>How long the buyer has to award after quoting closes.</summary>
    public const int AwardDays = 30;

    /// <summary>How long before the deadline the invited suppliers who have not quoted are reminded.</summary>
    public static readonly TimeSpan ReminderLead = TimeSpan.FromHours(24);

    public static GraphDefinition Definition { get; } = new()
    {
        Nodes =
        [
            new NodeDefinition { Key = "start", Type = NodeType.Start, Name = "RFQ opened" },
            new NodeDefinition { Key = "until-reminder", Type = NodeType.Timer, Name = "Until a day before the deadline", UntilField = "remindAt" },
            new NodeDefinition { Key = Remind, Type = NodeType.Task, Name = "Remind suppliers", Capability = Reminding, Assignment = AssignmentMode.Auto },
            new NodeDefinition { Key = "until-deadline", Type = NodeType.Timer, Name = "Until the deadline", UntilField = "closesAt" },
            new NodeDefinition { Key = Close, Type = NodeType.Task, Name = "Close quoting", Capability = Closing, Assignment = AssignmentMode.Auto },
            new NodeDefinition
            {
                Key = "award", Type = NodeType.Wait, Name = "Buyer awards", Message = AwardedMessage, TimeoutMinutes = AwardDays * 24 * 60,
            },
            new NodeDefinition { Key = Lapse, Type = NodeType.Task, Name = "Lapse unawarded", Capability = Lapsing, Assignment = AssignmentMode.Auto },
            new NodeDefinition { Key = "awarded", Type = NodeType.End, Name = "Awarded" },
            new NodeDefinition { Key = "lapsed", Type = NodeType.End, Name = "Lapsed" },
        ],
        Edges =
        [
            new EdgeDefinition { From = "start", To = "until-reminder" },
            new EdgeDefinition { From = "until-reminder", To = Remind },
            new EdgeDefinition { From = Remind, To = "until-deadline" },
            new EdgeDefinition { From = "until-deadline", To = Close },
            new EdgeDefinition { From = Close, To = "award" },
            new EdgeDefinition { From = "award", To = "awarded" },
            new EdgeDefinition { From = "award", To = Lapse, Outcome = NodeDefinition.TimeoutOutcome },
            new EdgeDefinition { From = Lapse, To = "lapsed" },
        ],
    };

    /// <summary>Makes the graph and the market's agent for the tenant if they are not there yet (two hosts at once: one makes them).</summary>
    public static async Task EnsureAsync(FlowEngine engine, CancellationToken ct)
    {
        var system = new CommandContext("market");
        await FlowSetup.EnsureGraphAsync(engine, system, Graph, "RFQ: remind, close at the deadline, award", Definition, ct);
        await FlowSetup.EnsureAgentAsync(engine, system, new RegisterAgentRequest(Agent, "Market RFQ desk", "service",
            [new CapabilityDto(Reminding), new CapabilityDto(Closing), new CapabilityDto(Lapsing)], 100, "available"), ct);
    }

    /// <summary>The job's data: the RFQ, and the dates its timers wait until.</summary>
    public static JsonObject Data(RfqRecord rfq)
    {
        var data = Dates(rfq);
        data["rfq"] = rfq.Id;
        data["number"] = rfq.Number;
        return data;
    }

    /// <summary>The dates the timers wait until; replanning the job with new ones moves a waiting timer (ADR 0025).</summary>
    public static JsonObject Dates(RfqRecord rfq) => new()
    {
        ["closesAt"] = rfq.ClosesAt.ToString("O", CultureInfo.InvariantCulture),
        ["remindAt"] = (rfq.ClosesAt - ReminderLead).ToString("O", CultureInfo.InvariantCulture),
    };
}
