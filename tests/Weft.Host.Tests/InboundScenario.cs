using System.Net;
using System.Text.Json.Nodes;
using Weft.Host.Tests.Infrastructure;

namespace Weft.Host.Tests;

/// <summary>
/// A delivery from start to finish, as a merchant's people live it: the buyer's order and the supplier's notice
/// (60 T-shirts, flour in lots L1 and L2), a clerk receiving 56 good shirts and 1 damaged one, an inspector failing lot
/// L2 on moisture, and a putaway split across two bins of zone A by their capacity. Shared by the in-process test and
/// the one that kills the host with SIGKILL between steps.
/// </summary>
internal static class InboundScenario
{
    public const string Person = "rita";

    /// <summary>Catalog, warehouse with receiving, quarantine, zone A (bins of 50 and 100) and zone B, supplier, QC rule, putaway rule, an order sent.</summary>
    public static async Task<long> SetUpAsync(WeftCaller admin)
    {
        await admin.OkAsync(HttpMethod.Post, "/api/v1/commerce/products", new
        {
            key = "tee", name = "T-shirt", unit = "unit", category = "Apparel / T-shirts", variants = new[] { new { sku = "TEE-M", cost = 4m } },
        });
        await admin.OkAsync(HttpMethod.Post, "/api/v1/commerce/products", new
        {
            key = "flour", name = "Flour", unit = "kg", category = "Bakery", tracking = "lot", shelfLifeDays = 365, variants = new[] { new { sku = "FLOUR", cost = 0.8m } },
        });
        await admin.OkAsync(HttpMethod.Post, "/api/v1/commerce/warehouses", new { key = "main", name = "Main warehouse" });
        foreach (var location in new object[]
                 {
                     new { code = "R", type = "receiving" }, new { code = "Q", type = "quarantine" }, new { code = "A", type = "view" },
                     new { code = "A-01", type = "storage", parent = "main/A", capacity = 50 }, new { code = "A-02", type = "storage", parent = "main/A", capacity = 100 },
                     new { code = "B", type = "view" }, new { code = "B-01", type = "storage", parent = "main/B", capacity = 500 },
                 })
            await admin.OkAsync(HttpMethod.Post, "/api/v1/commerce/warehouses/main/locations", location);
        await admin.OkAsync(HttpMethod.Put, "/api/v1/commerce/putaway-rules", new { kind = "category_zone", category = "Apparel", location = "main/A" });
        await admin.OkAsync(HttpMethod.Put, "/api/v1/commerce/products/flour/qc-rule", new
        {
            rule = "every_nth", every = 1, sampleSize = 2,
            checks = new object[] { new { name = "moisture", kind = "measure", norm = 14m, tolerance = 1m, unit = "%" }, new { name = "seal intact", kind = "pass_fail" } },
        });
        await admin.OkAsync(HttpMethod.Post, "/api/v1/commerce/suppliers", new { key = "acme", name = "Acme", email = "orders@acme.test", leadTimeDays = 3 });
        await admin.OkAsync(HttpMethod.Put, "/api/v1/commerce/suppliers/acme/products", new { sku = "TEE-M", unitPrice = 4m });
        await admin.OkAsync(HttpMethod.Put, "/api/v1/commerce/suppliers/acme/products", new { sku = "FLOUR", unitPrice = 0.75m });
        var order = await admin.OkAsync(HttpMethod.Post, "/api/v1/commerce/purchase-orders",
            new { supplier = "acme", warehouse = "main", lines = new object[] { new { sku = "TEE-M", quantity = 60 }, new { sku = "FLOUR", quantity = 40 } } });
        order = await admin.OkAsync(HttpMethod.Post, $"/api/v1/commerce/purchase-orders/{order["id"]}/approve", new { version = order["version"]!.GetValue<int>() });
        order = await admin.OkAsync(HttpMethod.Post, $"/api/v1/commerce/purchase-orders/{order["id"]}/send", new { version = order["version"]!.GetValue<int>(), email = false });
        await admin.OkAsync(HttpMethod.Post, "/api/v1/agents", new
        {
            key = Person, name = "Rita", kind = "person", wipLimit = 5,
            capabilities = new[] { new { name = "receiving", level = 1 }, new { name = "quality", level = 1 }, new { name = "putaway", level = 1 } },
        });
        return order["id"]!.GetValue<long>();
    }

    /// <summary>An API key acting as Rita, who receives, inspects and puts away.</summary>
    public static async Task<string> PersonKeyAsync(WeftCaller admin) =>
        (await admin.OkAsync(HttpMethod.Post, "/api/v1/api-keys", new { name = "rita's scanner", scopes = new[] { "commerce:write", "flow:write" }, agent = Person }))
            ["key"]!.GetValue<string>();

    public static async Task<long> NoticeAsync(WeftCaller admin, long order, DateTime expected)
    {
        var asn = await admin.OkAsync(HttpMethod.Post, "/api/v1/commerce/asns", new
        {
            purchaseOrder = order, expectedAt = expected,
            lines = new object[] { new { sku = "TEE-M", quantity = 60 }, new { sku = "FLOUR", quantity = 20, lot = "L1" }, new { sku = "FLOUR", quantity = 20, lot = "L2" } },
        });
        asn["state"]!.GetValue<string>().ShouldBe("expected");
        asn["step"]!.GetValue<string>().ShouldBe("receive");
        return asn["id"]!.GetValue<long>();
    }

    public static Task<JsonNode> ReceiveAsync(WeftCaller rita, long asn) =>
        rita.OkAsync(HttpMethod.Post, $"/api/v1/commerce/asns/{asn}/receive", new
        {
            lines = new object[]
            {
                new { sku = "TEE-M", received = 56, damaged = 1 }, new { sku = "FLOUR", lot = "L1", received = 20 }, new { sku = "FLOUR", lot = "L2", received = 20 },
            },
        });

    /// <summary>L1 passes (14.4% within 14 ± 1), L2 fails (16.2%).</summary>
    public static async Task<JsonNode> InspectAsync(WeftCaller rita, JsonNode asn)
    {
        var receipt = asn["receipt"]!.AsArray();
        long Line(string lot) => receipt.Single(l => l!["lot"]!.GetValue<string>() == lot)!["id"]!.GetValue<long>();
        return await rita.OkAsync(HttpMethod.Post, $"/api/v1/commerce/asns/{asn["id"]}/inspect", new
        {
            lines = new object[]
            {
                new { line = Line("L1"), results = new object[] { new { check = "moisture", value = 14.4m }, new { check = "seal intact", passed = true } } },
                new { line = Line("L2"), results = new object[] { new { check = "moisture", value = 16.2m }, new { check = "seal intact", passed = true } }, note = "Damp sacks" },
            },
        });
    }

    /// <summary>Polls the notice until its flow is at <paramref name="step"/> (null: ended), running due automated work with <paramref name="automate"/>.</summary>
    public static async Task<JsonNode> AtStepAsync(WeftCaller admin, long asn, string? step, Func<Task> automate)
    {
        JsonNode notice = null!;
        for (var i = 0; i < 600; i++)
        {
            await automate();
            notice = await admin.OkAsync(HttpMethod.Get, $"/api/v1/commerce/asns/{asn}");
            if (notice["step"]?.GetValue<string>() == step) return notice;
            await Task.Delay(100);
        }
        var items = await admin.OkAsync(HttpMethod.Get, $"/api/v1/work-items?job={notice["job"]}");
        var inbox = await admin.OkAsync(HttpMethod.Get, "/api/v1/inbox");
        throw new Xunit.Sdk.XunitException(
            $"The notice's flow did not reach '{step}'; it is at '{notice["step"]}' ({notice["state"]}). Work items: {items.ToJsonString()} Inbox: {inbox.ToJsonString()} Host errors: {HostErrors.Recent(TimeSpan.FromMinutes(5))}");
    }

    /// <summary>Where everything is once the delivery is stored: the shirts split over zone A, the good flour in A-02, the rest in quarantine.</summary>
    public static async Task ShouldBeStoredAsync(WeftCaller admin, long asn, long order)
    {
        var notice = await admin.OkAsync(HttpMethod.Get, $"/api/v1/commerce/asns/{asn}");
        notice["state"]!.GetValue<string>().ShouldBe("put_away");
        var stock = (await admin.OkAsync(HttpMethod.Get, "/api/v1/commerce/stock")).AsArray()
            .ToDictionary(s => $"{s!["sku"]} {s["lot"]} @ {s["location"]}".Replace("  @", " @", StringComparison.Ordinal), s => s!["onHand"]!.GetValue<decimal>());
        stock.Where(s => s.Value != 0).ToDictionary().ShouldBe(new Dictionary<string, decimal>
        {
            ["TEE-M @ main/A/A-01"] = 50, ["TEE-M @ main/A/A-02"] = 6, ["TEE-M @ main/Q"] = 1,
            ["FLOUR L1 @ main/A/A-02"] = 20, ["FLOUR L2 @ main/Q"] = 20,
        }, ignoreOrder: true);
        // Every move once: 4 receipts (3 good lines, 1 damaged), 1 transfer to quarantine, 3 putaways.
        var moves = (await admin.OkAsync(HttpMethod.Get, $"/api/v1/commerce/moves?reference={notice["number"]}&limit=100"))["items"]!.AsArray();
        moves.Count(m => m!["reason"]!.GetValue<string>() == "receipt").ShouldBe(4);
        moves.Count(m => m!["reason"]!.GetValue<string>() == "transfer").ShouldBe(4);
        var returns = notice["returns"]!.AsArray().Select(r => (r!["sku"]!.GetValue<string>(), r["lot"]!.GetValue<string>(), r["quantity"]!.GetValue<decimal>(),
            r["reason"]!.GetValue<string>(), r["state"]!.GetValue<string>())).ToList();
        returns.ShouldBe([("TEE-M", "", 1m, "damaged", "open"), ("FLOUR", "L2", 20m, "qc_failed", "open")], ignoreOrder: true);
        var po = await admin.OkAsync(HttpMethod.Get, $"/api/v1/commerce/purchase-orders/{order}");
        po["state"]!.GetValue<string>().ShouldBe("partly_received");
        po["lines"]!.AsArray().Select(l => (l!["sku"]!.GetValue<string>(), l["received"]!.GetValue<decimal>())).ShouldBe([("TEE-M", 56m), ("FLOUR", 40m)], ignoreOrder: true);
        var scorecard = (await admin.OkAsync(HttpMethod.Get, "/api/v1/commerce/suppliers/acme"))["scorecard"]!;
        (scorecard["qcChecks"]!.GetValue<int>(), scorecard["qcPassRate"]!.GetValue<double>()).ShouldBe((2, 0.5));
        var job = await admin.OkAsync(HttpMethod.Get, $"/api/v1/jobs/{notice["job"]}");
        job["state"]!.GetValue<string>().ShouldBe("completed");
    }
}
