using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Weft.Flow.Automation;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;

namespace Weft.Host.Tests;

/// <summary>
/// Replenishment plans itself every day as a flow on the engine: a timer wakes the planner, a decision rule approves
/// and orders a small run by itself, and a larger one waits for a buyer, whose approvals are then ordered.
/// </summary>
public sealed class PlanningReplenishmentDaily
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_small_run_is_ordered_by_the_decision_rule_and_a_large_one_waits_for_the_buyer(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        await api.OkAsync(HttpMethod.Post, "/api/v1/commerce/products", new { key = "tee", name = "T-shirt", unit = "unit", variants = new[] { new { sku = "TEE-L", cost = 4m } } });
        await api.OkAsync(HttpMethod.Post, "/api/v1/commerce/warehouses", new { key = "main", name = "Main" });
        await api.OkAsync(HttpMethod.Post, "/api/v1/commerce/warehouses/main/locations", new { code = "A", type = "storage" });
        await api.OkAsync(HttpMethod.Post, "/api/v1/commerce/suppliers", new { key = "acme", name = "Acme", email = "orders@acme.test" });
        await api.OkAsync(HttpMethod.Put, "/api/v1/commerce/suppliers/acme/products", new { sku = "TEE-L", unitPrice = 4.5m });
        await api.OkAsync(HttpMethod.Post, "/api/v1/commerce/moves",
            new { reason = "receipt", lines = new[] { new { sku = "TEE-L", quantity = 8, to = "main/A", unitCost = 4m } } });
        await api.OkAsync(HttpMethod.Post, "/api/v1/agents",
            new { key = "bob", name = "Bob the buyer", kind = "person", wipLimit = 5, capabilities = new[] { new { name = "buying", level = 1 } } });
        var runner = api.Services.GetRequiredService<AutomationRunner>();

        // Setting a rule schedules the next run: it is 08:00 on 2 November, past the 05:00 planning time, so tomorrow's.
        await api.OkAsync(HttpMethod.Put, "/api/v1/commerce/replenishment/rules", new { sku = "TEE-L", warehouse = "main", policy = "min_max", min = 10, max = 50, multiple = 12 });
        var first = await JobAsync(api, "replenishment-2026-11-03");
        first["dueAt"]!.GetValue<DateTime>().ShouldBe(new DateTime(2026, 11, 3, 13, 0, 0, DateTimeKind.Utc));
        (await TokenNodeAsync(api, first)).ShouldBe("wait");
        (await runner.RunDueAsync(1)).ShouldBe(0);

        // 05:00 comes: 48 for 216.00 is within the rule's 500, so the software agent approves and orders it.
        api.Clock.Advance(TimeSpan.FromHours(21));
        (await api.Engine.Upkeep.RunDueTimersAsync()).TimersFired.ShouldBe(1);
        (await runner.RunDueAsync(1)).ShouldBe(1);
        (await runner.RunDueAsync(1)).ShouldBe(1);
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/jobs/{first["id"]}"))["state"]!.GetValue<string>().ShouldBe("completed");
        var ordered = (await api.OkAsync(HttpMethod.Get, "/api/v1/commerce/purchase-orders"))["items"]!.AsArray().ShouldHaveSingleItem()!;
        (ordered["state"]!.GetValue<string>(), ordered["approvedBy"]!.GetValue<string>(), ordered["total"]!.GetValue<decimal>()).ShouldBe(("approved", "commerce-planner", 216m));
        // Each run scheduled the next.
        var second = await JobAsync(api, "replenishment-2026-11-04");

        // A bigger need: min 100, max 500 → 444 (37 × 12) for 1,998.00, above 500: the buyer decides.
        await api.OkAsync(HttpMethod.Put, "/api/v1/commerce/replenishment/rules", new { sku = "TEE-L", warehouse = "main", policy = "min_max", min = 100, max = 500, multiple = 12 });
        api.Clock.Advance(TimeSpan.FromDays(1));
        (await api.Engine.Upkeep.RunDueTimersAsync()).TimersFired.ShouldBe(1);
        (await runner.RunDueAsync(1)).ShouldBe(1);
        (await TokenNodeAsync(api, second)).ShouldBe("review");
        (await runner.RunDueAsync(1)).ShouldBe(0);
        var suggestion = (await api.OkAsync(HttpMethod.Get, "/api/v1/commerce/replenishment/suggestions?run=2026-11-04"))["items"]!.AsArray().ShouldHaveSingleItem()!;
        suggestion["quantity"]!.GetValue<decimal>().ShouldBe(444m);
        await api.OkAsync(HttpMethod.Post, $"/api/v1/commerce/replenishment/suggestions/{suggestion["id"]}/approve", new { version = suggestion["version"]!.GetValue<int>(), quantity = 432 });
        var bob = await api.AsAsync("bob");
        var review = (await api.OkAsync(HttpMethod.Get, $"/api/v1/work-items?job={second["id"]}&node=review"))["items"]!.AsArray().ShouldHaveSingleItem()!;
        await bob.OkAsync(HttpMethod.Post, $"/api/v1/work-items/{review["id"]}/claim", new { });
        await bob.OkAsync(HttpMethod.Post, $"/api/v1/work-items/{review["id"]}/start", new { });
        await bob.OkAsync(HttpMethod.Post, $"/api/v1/work-items/{review["id"]}/complete", new { });
        (await runner.RunDueAsync(1)).ShouldBe(1);
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/jobs/{second["id"]}"))["state"]!.GetValue<string>().ShouldBe("completed");
        var orders = (await api.OkAsync(HttpMethod.Get, "/api/v1/commerce/purchase-orders"))["items"]!.AsArray();
        orders.Count.ShouldBe(2);
        var newest = orders[0]!;
        (newest["lines"]![0]!["quantity"]!.GetValue<decimal>(), newest["approvedBy"]!.GetValue<string>()).ShouldBe((432m, "commerce-planner"));
        await JobAsync(api, "replenishment-2026-11-05");
    }

    private static async Task<JsonNode> JobAsync(WeftApi api, string reference) =>
        (await api.OkAsync(HttpMethod.Get, "/api/v1/jobs?graph=commerce-replenishment&limit=100"))["items"]!.AsArray()
        .Single(j => j!["reference"]!.GetValue<string>() == reference)!;

    private static async Task<string> TokenNodeAsync(WeftApi api, JsonNode job) =>
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/jobs/{job["id"]}/tokens")).AsArray().ShouldHaveSingleItem()!["node"]!.GetValue<string>();
}
