using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Weft.Flow.Automation;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;

namespace Weft.Host.Tests;

/// <summary>
/// Goods from a supplier come in through a flow on the engine: received against the notice with their discrepancies,
/// inspected by the product's quality rule (a failed lot to quarantine with a supplier return), and put away by scanning
/// the bins the putaway rules chose, split across bins when one is full.
/// </summary>
public sealed class ReceivingGoodsThroughTheInboundFlow
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_notice_is_received_short_and_damaged_a_failed_lot_goes_to_quarantine_and_the_rest_is_put_away_split_by_capacity(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var admin = new WeftCaller(api.Client);
        var order = await InboundScenario.SetUpAsync(admin);
        var rita = new WeftCaller(api.CreateClient("ApiKey " + await InboundScenario.PersonKeyAsync(admin)));
        Task Automate() => api.Services.GetRequiredService<AutomationRunner>().RunDueAsync(1);
        var asn = await InboundScenario.NoticeAsync(admin, order, api.Clock.GetUtcNow().UtcDateTime.Date.AddHours(14));

        // Someone who is not a flow agent, and the wrong things to receive, change nothing.
        using (var noAgent = await admin.PostAsync($"/api/v1/commerce/asns/{asn}/receive", new { lines = new[] { new { sku = "TEE-M", received = 1 } } }))
            await noAgent.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "agent_required");
        using (var twice = await rita.PostAsync($"/api/v1/commerce/asns/{asn}/receive", new { lines = new[] { new { sku = "TEE-M", received = 1 }, new { sku = "TEE-M", received = 2 } } }))
            await twice.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        using (var early = await rita.PostAsync($"/api/v1/commerce/asns/{asn}/inspect", new { lines = new[] { new { line = 1, results = Array.Empty<object>() } } }))
            await early.ShouldBeProblemAsync(HttpStatusCode.Conflict, "asn_state");
        (await admin.OkAsync(HttpMethod.Get, "/api/v1/commerce/stock")).AsArray().ShouldBeEmpty();

        // Received: 56 good shirts and 1 damaged of 60 (short, damaged), both flour lots in full.
        var received = await InboundScenario.ReceiveAsync(rita, asn);
        received["state"]!.GetValue<string>().ShouldBe("received");
        var shirts = received["receipt"]!.AsArray().Single(l => l!["sku"]!.GetValue<string>() == "TEE-M")!;
        shirts["discrepancies"]!.AsArray().Select(d => d!.GetValue<string>()).ShouldBe(["short", "damaged"]);
        (shirts["expected"]!.GetValue<decimal>(), shirts["received"]!.GetValue<decimal>(), shirts["damaged"]!.GetValue<decimal>()).ShouldBe((60m, 56m, 1m));
        using (var again = await rita.PostAsync($"/api/v1/commerce/asns/{asn}/receive", new { lines = new[] { new { sku = "TEE-M", received = 1 } } }))
            await again.ShouldBeProblemAsync(HttpStatusCode.Conflict, "asn_state");

        // The software agent samples both flour lots (every receipt, 2 kg each); the shirts have no rule.
        var atInspection = await InboundScenario.AtStepAsync(admin, asn, "inspect", Automate);
        atInspection["receipt"]!.AsArray().Select(l => (l!["sku"]!.GetValue<string>(), l["lot"]!.GetValue<string>(), l["qc"]!.GetValue<string>(), l["qcSample"]!.GetValue<decimal>()))
            .ShouldBe([("TEE-M", "", "not_required", 0m), ("FLOUR", "L1", "pending", 2m), ("FLOUR", "L2", "pending", 2m)]);
        var inspected = await InboundScenario.InspectAsync(rita, atInspection);
        inspected["receipt"]!.AsArray().Where(l => l!["sku"]!.GetValue<string>() == "FLOUR").Select(l => l!["qc"]!.GetValue<string>()).ShouldBe(["passed", "failed"]);
        var failed = inspected["receipt"]!.AsArray().Single(l => l!["lot"]!.GetValue<string>() == "L2")!["results"]!.AsArray();
        failed.Single(r => r!["check"]!.GetValue<string>() == "moisture")!["why"]!.GetValue<string>().ShouldBe("16.2 is 2.2 from 14, beyond the tolerance of 1");

        // Putaway: the shirts go to zone A (their category's), 50 in A-01 (full) and 6 in A-02; flour L1 to the closest bin with room.
        var atPutaway = await InboundScenario.AtStepAsync(admin, asn, "putaway", Automate);
        var tasks = atPutaway["putaway"]!.AsArray();
        tasks.Select(t => (t!["sku"]!.GetValue<string>(), t["lot"]!.GetValue<string>(), t["quantity"]!.GetValue<decimal>(), t["to"]!.GetValue<string>(), t["rule"]!.GetValue<string>()))
            .ShouldBe([("TEE-M", "", 50m, "main/A/A-01", "category_zone"), ("TEE-M", "", 6m, "main/A/A-02", "category_zone"), ("FLOUR", "L1", 20m, "main/A/A-02", "closest")]);
        var first = tasks[0]!["id"]!.GetValue<long>();
        using (var wrong = await rita.PostAsync($"/api/v1/commerce/asns/{asn}/putaways/{first}/confirm", new { bin = "main/B/B-01" }))
            (await wrong.ShouldBeProblemAsync(HttpStatusCode.Conflict, "wrong_bin"))["detail"]!.GetValue<string>().ShouldContain("goes to main/A/A-01");
        foreach (var task in tasks)
            await rita.OkAsync(HttpMethod.Post, $"/api/v1/commerce/asns/{asn}/putaways/{task!["id"]}/confirm", new { bin = task["to"]!.GetValue<string>() });
        using (var done = await rita.PostAsync($"/api/v1/commerce/asns/{asn}/putaways/{first}/confirm", new { bin = "main/A/A-01" }))
            await done.ShouldBeProblemAsync(HttpStatusCode.Conflict);

        await InboundScenario.ShouldBeStoredAsync(admin, asn, order);
        // The returns leave quarantine for the supplier when shipped.
        var returns = (await admin.OkAsync(HttpMethod.Get, "/api/v1/commerce/supplier-returns?state=open")).AsArray();
        var flourReturn = returns.Single(r => r!["sku"]!.GetValue<string>() == "FLOUR")!;
        await admin.OkAsync(HttpMethod.Post, $"/api/v1/commerce/supplier-returns/{flourReturn["id"]}/ship", new { version = flourReturn["version"]!.GetValue<int>() });
        (await admin.OkAsync(HttpMethod.Get, "/api/v1/commerce/stock?location=main/Q")).AsArray().Select(s => s!["sku"]!.GetValue<string>()).ShouldBe(["TEE-M"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Cancelling_an_order_ends_the_inbound_flow_of_its_notice_in_the_same_transaction(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var admin = new WeftCaller(api.Client);
        var order = await InboundScenario.SetUpAsync(admin);
        var asn = await InboundScenario.NoticeAsync(admin, order, api.Clock.GetUtcNow().UtcDateTime.Date.AddHours(14));
        var sent = await admin.OkAsync(HttpMethod.Get, $"/api/v1/commerce/purchase-orders/{order}");
        var cancelled = await admin.OkAsync(HttpMethod.Post, $"/api/v1/commerce/purchase-orders/{order}/cancel", new { version = sent["version"]!.GetValue<int>(), note = "Supplier out of stock" });
        cancelled["state"]!.GetValue<string>().ShouldBe("cancelled");
        var notice = await admin.OkAsync(HttpMethod.Get, $"/api/v1/commerce/asns/{asn}");
        (notice["state"]!.GetValue<string>(), notice["step"]).ShouldBe(("cancelled", (System.Text.Json.Nodes.JsonNode?)null));
        (await admin.OkAsync(HttpMethod.Get, $"/api/v1/jobs/{notice["job"]}"))["state"]!.GetValue<string>().ShouldBe("cancelled");
        (await admin.OkAsync(HttpMethod.Get, "/api/v1/commerce/asns"))["items"]!.AsArray().ShouldBeEmpty();
        var rita = new WeftCaller(api.CreateClient("ApiKey " + await InboundScenario.PersonKeyAsync(admin)));
        using var late = await rita.PostAsync($"/api/v1/commerce/asns/{asn}/receive", new { lines = new[] { new { sku = "TEE-M", received = 1 } } });
        await late.ShouldBeProblemAsync(HttpStatusCode.Conflict, "asn_state");
    }
}
