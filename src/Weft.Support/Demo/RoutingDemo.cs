using Microsoft.EntityFrameworkCore;
using Weft.Flow;
using Weft.Flow.Contracts;
using Weft.Platform.Errors;
using Weft.Support.Routing;

namespace Weft.Support.Demo;

/// <summary>
/// The demo's teams (billing, technical, sales), the intents routed to them, and alice in billing speaking English and
/// Portuguese. Intents without a rule (the demo has no trained classifier: its conversations are 'unknown') go to anyone
/// in support.
/// </summary>
internal sealed class RoutingDemo(SupportDb data, Teams teams, FlowEngines engines)
{
    private const string Actor = "support-demo";

    public async Task SeedAsync(long tenant, CancellationToken ct)
    {
        await using (var db = await data.OpenAsync(tenant, ct))
            if (await db.Teams.AnyAsync(ct)) return;
        await teams.PutAsync(tenant, "billing", new TeamRequest("Billing", "Payments, invoices, refunds.", null), ct);
        await teams.PutAsync(tenant, "technical", new TeamRequest("Technical", "Repairs, damage, how our pieces are made and cared for.", null), ct);
        await teams.PutAsync(tenant, "sales", new TeamRequest("Sales", "Orders, deliveries, engraving and made-to-order questions.", null), ct);
        foreach (var (intent, team) in new[] { ("refund", "billing"), ("payment", "billing"), ("damaged_item", "technical"), ("order_status", "sales"), ("engraving", "sales") })
            await teams.PutRuleAsync(tenant, intent, new RoutingRuleRequest(team), ct);
        var engine = engines.For(tenant);
        try
        {
            var alice = await engine.Agents.GetAgentAsync("alice", ct);
            string[] wanted = [RoutingCapabilities.Team("billing"), "lang:en", "lang:pt"];
            var missing = wanted.Where(w => !alice.Capabilities.Any(c => string.Equals(c.Name, w, StringComparison.OrdinalIgnoreCase))).ToList();
            if (missing.Count > 0)
                await engine.Agents.UpdateAgentAsync(new CommandContext(Actor), "alice",
                    new UpdateAgentRequest(null, null, [.. alice.Capabilities, .. missing.Select(m => new CapabilityDto(m))], null, null, alice.Version), ct);
        }
        catch (WeftException e) when (e.Code == "agent_not_found")
        {
            // Without alice the teams stay empty: a manager adds people on the support settings page.
        }
    }
}
