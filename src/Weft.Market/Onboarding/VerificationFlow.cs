using System.Text.Json.Nodes;
using Weft.Flow;
using Weft.Flow.Contracts;
using Weft.Flow.Definitions;

namespace Weft.Market.Onboarding;

/// <summary>
/// The flows of supplier verification, ordinary graphs on the engine made for a tenant on its first application. An
/// application runs <see cref="Graph"/>: a person of the operator's staff checks its documents, then a person decides
/// (both pool work with deadlines that escalate to the verification leads: the reminders); an approval gives the badge.
/// A verified supplier's certificates are watched by <see cref="WatchGraph"/>: a timer until the earliest expiry, then
/// the market's software agent re-checks them and takes the badge away when one has expired, or watches the next expiry.
/// </summary>
internal static class VerificationFlow
{
    public const string Graph = "market-supplier-verification";
    public const string WatchGraph = "market-certificate-watch";
    public const string Agent = "market-verifier";

    public const string CheckDocuments = "check-documents";
    public const string Decide = "decide";
    public const string WaitExpiry = "wait-expiry";
    public const string Recheck = "recheck";

    /// <summary>The capability of the staff who verify suppliers, and of the leads late checks escalate to.</summary>
    public const string Verifying = "market-verification";
    public const string Leads = "market-verification-lead";

    /// <summary>What the software agent does.</summary>
    public const string Rechecking = "market-certificate-check";

    public const double CheckDeadlineMinutes = 2 * 24 * 60;
    public const double DecideDeadlineMinutes = 24 * 60;

    public static GraphDefinition Definition { get; } = new()
    {
        Nodes =
        [
            new NodeDefinition { Key = "start", Type = NodeType.Start, Name = "Supplier applied" },
            new NodeDefinition
            {
                Key = CheckDocuments, Type = NodeType.Task, Name = "Check documents", Capability = Verifying, DeadlineMinutes = CheckDeadlineMinutes,
                EscalateToCapability = Leads,
                Instructions = "Open the supplier's documents: its registration and each certificate. Check they are genuine, in its name and in force.",
            },
            new NodeDefinition { Key = "documents-ok", Type = NodeType.Decision, Name = "Documents in order?", DecisionField = "documents" },
            new NodeDefinition
            {
                Key = Decide, Type = NodeType.Task, Name = "Approve or reject", Capability = Verifying, DeadlineMinutes = DecideDeadlineMinutes,
                EscalateToCapability = Leads,
                Instructions = "Decide the application: approving gives the supplier the verified badge.",
            },
            new NodeDefinition { Key = "approved", Type = NodeType.Decision, Name = "Approved?", DecisionField = "decision" },
            new NodeDefinition { Key = "verified", Type = NodeType.End, Name = "Verified" },
            new NodeDefinition { Key = "documents-refused", Type = NodeType.End, Name = "Documents refused" },
            new NodeDefinition { Key = "rejected", Type = NodeType.End, Name = "Rejected" },
        ],
        Edges =
        [
            new EdgeDefinition { From = "start", To = CheckDocuments },
            new EdgeDefinition { From = CheckDocuments, To = "documents-ok" },
            new EdgeDefinition { From = "documents-ok", To = Decide, Outcome = "pass" },
            new EdgeDefinition { From = "documents-ok", To = "documents-refused", IsDefault = true },
            new EdgeDefinition { From = Decide, To = "approved" },
            new EdgeDefinition { From = "approved", To = "verified", Outcome = "approve" },
            new EdgeDefinition { From = "approved", To = "rejected", IsDefault = true },
        ],
    };

    public static GraphDefinition WatchDefinition { get; } = new()
    {
        Nodes =
        [
            new NodeDefinition { Key = "start", Type = NodeType.Start, Name = "Badge given" },
            new NodeDefinition { Key = WaitExpiry, Type = NodeType.Timer, Name = "Until the earliest expiry", UntilField = "expiresAt" },
            new NodeDefinition { Key = Recheck, Type = NodeType.Task, Name = "Re-check certificates", Capability = Rechecking, Assignment = AssignmentMode.Auto },
            new NodeDefinition { Key = "end", Type = NodeType.End, Name = "Checked" },
        ],
        Edges =
        [
            new EdgeDefinition { From = "start", To = WaitExpiry },
            new EdgeDefinition { From = WaitExpiry, To = Recheck },
            new EdgeDefinition { From = Recheck, To = "end" },
        ],
    };

    /// <summary>Makes (or updates) both graphs and the software agent for the tenant; two hosts at once: one makes them.</summary>
    public static async Task EnsureAsync(FlowEngine engine, CancellationToken ct)
    {
        var system = new CommandContext("market");
        await FlowSetup.EnsureGraphAsync(engine, system, Graph, "Market: verify a supplier", Definition, ct);
        await FlowSetup.EnsureGraphAsync(engine, system, WatchGraph, "Market: watch a verified supplier's certificates", WatchDefinition, ct);
        await FlowSetup.EnsureAgentAsync(engine, system, new RegisterAgentRequest(Agent, "Supplier verifier", "service",
            [new CapabilityDto(Rechecking)], 50, "available", AgentTiers.Operational,
            "Re-checks verified suppliers' certificates when the earliest expires, and takes the badge away from one whose certificate has expired."), ct);
    }

    public static StartJobRequest Application(long application, long organization, string name) =>
        new(Graph, null, 1, $"APP-{application}", 0, null, new JsonObject { ["application"] = application, ["organization"] = organization, ["supplier"] = name });

    public static StartJobRequest Watch(long organization, DateTime until) =>
        new(WatchGraph, null, 1, $"CERT-{organization}", 0, null,
            new JsonObject { ["organization"] = organization, ["expiresAt"] = until.ToString("O", System.Globalization.CultureInfo.InvariantCulture) });
}
