using System.Net;
using System.Text.Json.Nodes;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;

namespace Weft.Host.Tests;

/// <summary>
/// Weft tells a merchant what to buy: daily demand is measured from the ledger's picks, the policy works out when and how
/// much, the supplier's terms round it, and every number is explained; a buyer approves, the suggestions become a
/// purchase order per supplier, and the order goes to the supplier as a PDF by email.
/// </summary>
public sealed class ReplenishingFromTheLedger
{
    private static readonly int[] DailyPicks = [5, 7, 3, 6, 4, 8, 5, 6, 7, 4];

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_suggestion_measured_from_picks_explains_itself_and_becomes_a_purchase_order_emailed_to_the_supplier(string provider)
    {
        await using var smtp = LocalSmtpServer.Start();
        await using var api = await WeftApi.StartAsync(provider, smtp.Settings);
        await SetUpAsync(api);
        await api.OkAsync(HttpMethod.Post, "/api/v1/commerce/moves",
            new { reason = "receipt", reference = "opening", lines = new[] { new { sku = "TEE-M", quantity = 100, to = "main/A", unitCost = 4m } } });
        // Ten days of sales: 55 units, 5.5 a day, sample standard deviation √2.5.
        foreach (var quantity in DailyPicks)
        {
            await api.OkAsync(HttpMethod.Post, "/api/v1/commerce/moves",
                new { reason = "pick", reference = "sales", lines = new[] { new { sku = "TEE-M", quantity, from = "main/A" } } });
            api.Clock.Advance(TimeSpan.FromDays(1));
        }
        await api.OkAsync(HttpMethod.Put, "/api/v1/commerce/replenishment/rules",
            new { sku = "TEE-M", warehouse = "main", policy = "reorder_point", serviceLevel = 0.95, demandDays = 10, orderingCost = 50, holdingRate = 0.25 });

        // 45 on hand is above the reorder point of 34 (27.5 during the 5-day lead time + 5.8154 safety stock): nothing to buy yet.
        var quiet = await api.OkAsync(HttpMethod.Post, "/api/v1/commerce/replenishment/plan", new { warehouse = "main" });
        quiet["rules"]!.GetValue<int>().ShouldBe(1);
        quiet["suggestions"]!.AsArray().ShouldBeEmpty();

        // Today's sale of 15 takes it to 30: below.
        await api.OkAsync(HttpMethod.Post, "/api/v1/commerce/moves",
            new { reason = "pick", reference = "sales", lines = new[] { new { sku = "TEE-M", quantity = 15, from = "main/A" } } });
        var plan = await api.OkAsync(HttpMethod.Post, "/api/v1/commerce/replenishment/plan", new { });
        var suggestion = plan["suggestions"]!.AsArray().ShouldHaveSingleItem()!;
        suggestion["sku"]!.GetValue<string>().ShouldBe("TEE-M");
        suggestion["supplier"]!.GetValue<string>().ShouldBe("acme");
        suggestion["position"]!.GetValue<decimal>().ShouldBe(30);
        suggestion["reorderLevel"]!.GetValue<decimal>().ShouldBe(34);
        // EOQ = √(2 × 2007.5 × 50 / (0.25 × 4.00)) = 448.05 → 449; in packs of 12 that is 456, which reaches the 100+ price of 3.50,
        // at which the EOQ is √(2 × 2007.5 × 50 / 0.875) = 478.99 → 480 (40 packs): a year at 480 costs 7,445.36 against 7,445.87 at 456.
        suggestion["wanted"]!.GetValue<decimal>().ShouldBe(449);
        suggestion["quantity"]!.GetValue<decimal>().ShouldBe(480);
        suggestion["unitPrice"]!.GetValue<decimal>().ShouldBe(3.5m);
        suggestion["amount"]!.GetValue<decimal>().ShouldBe(1680m);
        var explanation = suggestion["explanation"]!.ToJsonString();
        foreach (var figure in new[] { "5.5", "1.5811", "1.6449", "3.5355", "5.8154", "33.3154", "448.0513", "7445.36", "7445.87", "packs of 12" })
            explanation.ShouldContain(figure, Case.Sensitive, $"{figure} in {explanation}");
        var steps = suggestion["explanation"]!.AsArray().SelectMany(p => p!["steps"]!.AsArray()).ToList();
        steps.ShouldContain(s => s!["text"]!.GetValue<string>() == "σDL = σd × √L");
        suggestion["explanation"]!.AsArray().SelectMany(p => p!["whyRounded"]!.AsArray()).ShouldNotBeEmpty();

        // A buyer approves 240 instead; ordering makes one approved purchase order for acme.
        var id = suggestion["id"]!.GetValue<long>();
        var approved = await api.OkAsync(HttpMethod.Post, $"/api/v1/commerce/replenishment/suggestions/{id}/approve", new { version = suggestion["version"]!.GetValue<int>(), quantity = 240 });
        approved["state"]!.GetValue<string>().ShouldBe("approved");
        approved["amount"]!.GetValue<decimal>().ShouldBe(840m);
        using (var again = await api.PostAsync($"/api/v1/commerce/replenishment/suggestions/{id}/approve", new { version = approved["version"]!.GetValue<int>() }))
            await again.ShouldBeProblemAsync(HttpStatusCode.Conflict, "suggestion_state");
        // Approved, not ordered: the next run counts it as coming, and proposes nothing more.
        (await api.OkAsync(HttpMethod.Post, "/api/v1/commerce/replenishment/plan", new { }))["suggestions"]!.AsArray().ShouldBeEmpty();

        var orders = (await api.OkAsync(HttpMethod.Post, "/api/v1/commerce/replenishment/suggestions/order", new { })).AsArray();
        var order = orders.ShouldHaveSingleItem()!;
        order["supplier"]!.GetValue<string>().ShouldBe("acme");
        order["state"]!.GetValue<string>().ShouldBe("approved");
        order["total"]!.GetValue<decimal>().ShouldBe(840m);
        var line = order["lines"]!.AsArray().ShouldHaveSingleItem()!;
        (line["sku"]!.GetValue<string>(), line["supplierSku"]!.GetValue<string>(), line["quantity"]!.GetValue<decimal>(), line["suggestion"]!.GetValue<long>())
            .ShouldBe(("TEE-M", "AC-TEE-M", 240m, id));
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/commerce/replenishment/suggestions/{id}"))["purchaseOrder"]!.GetValue<string>()
            .ShouldBe(order["number"]!.GetValue<string>());
        (await api.OkAsync(HttpMethod.Post, "/api/v1/commerce/replenishment/suggestions/order", new { })).AsArray().ShouldBeEmpty();

        // Sent: the supplier gets the PDF by email, and the goods are due after its 5-day lead time.
        var orderId = order["id"]!.GetValue<long>();
        var sent = await api.OkAsync(HttpMethod.Post, $"/api/v1/commerce/purchase-orders/{orderId}/send", new { version = order["version"]!.GetValue<int>() });
        sent["state"]!.GetValue<string>().ShouldBe("sent");
        sent["sentTo"]!.GetValue<string>().ShouldBe("orders@acme.test");
        sent["expectedAt"]!.GetValue<DateTime>().ShouldBe(api.Clock.GetUtcNow().UtcDateTime.Date.AddDays(5));
        var mail = smtp.Messages.ShouldHaveSingleItem();
        mail.To.Mailboxes.Single().Address.ShouldBe("orders@acme.test");
        mail.Subject.ShouldBe($"Purchase order {order["number"]!.GetValue<string>()}");
        var pdf = mail.Attachments.OfType<MimeKit.MimePart>().ShouldHaveSingleItem();
        pdf.FileName.ShouldBe($"{order["number"]!.GetValue<string>()}.pdf");
        using var content = new MemoryStream();
        await pdf.Content!.DecodeToAsync(content);
        var text = PdfText(content.ToArray());
        text.ShouldContain("TEE-M");
        text.ShouldContain("AC-TEE-M");
        text.ShouldContain("840.00");

        // Incoming now: the plan proposes nothing, and the order cannot be sent twice or cancelled with a stale version.
        (await api.OkAsync(HttpMethod.Post, "/api/v1/commerce/replenishment/plan", new { }))["suggestions"]!.AsArray().ShouldBeEmpty();
        using (var twice = await api.PostAsync($"/api/v1/commerce/purchase-orders/{orderId}/send", new { version = sent["version"]!.GetValue<int>() }))
            await twice.ShouldBeProblemAsync(HttpStatusCode.Conflict, "purchase_order_state");
        using (var stale = await api.PostAsync($"/api/v1/commerce/purchase-orders/{orderId}/cancel", new { version = order["version"]!.GetValue<int>() }))
            await stale.ShouldBeProblemAsync(HttpStatusCode.Conflict, "stale_version");
        smtp.Messages.Count.ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_min_max_rule_orders_up_to_the_max_in_multiples_and_a_mail_server_that_is_down_changes_nothing(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider, new Dictionary<string, string?> { ["Weft:Mail:Host"] = "127.0.0.1", ["Weft:Mail:Port"] = "9", ["Weft:Mail:Security"] = "none" });
        await SetUpAsync(api);
        await api.OkAsync(HttpMethod.Post, "/api/v1/commerce/moves",
            new { reason = "receipt", reference = "opening", lines = new[] { new { sku = "TEE-L", quantity = 8, to = "main/A", unitCost = 4m } } });
        // Odoo's rule: forecast 8 ≤ min 10, so order max 50 − 8 = 42, rounded up to 4 × 12 = 48.
        await api.OkAsync(HttpMethod.Put, "/api/v1/commerce/replenishment/rules", new { sku = "TEE-L", warehouse = "main", policy = "min_max", min = 10, max = 50, multiple = 12 });
        var suggestion = (await api.OkAsync(HttpMethod.Post, "/api/v1/commerce/replenishment/plan", new { }))["suggestions"]!.AsArray().ShouldHaveSingleItem()!;
        (suggestion["wanted"]!.GetValue<decimal>(), suggestion["quantity"]!.GetValue<decimal>(), suggestion["amount"]!.GetValue<decimal>()).ShouldBe((48m, 48m, 216m));
        suggestion["explanation"]!.ToJsonString().ShouldContain("Rounded up from 42 to 48");

        // Planning again replaces the proposal rather than adding a second.
        var replan = (await api.OkAsync(HttpMethod.Post, "/api/v1/commerce/replenishment/plan", new { }))["suggestions"]!.AsArray().ShouldHaveSingleItem()!;
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/commerce/replenishment/suggestions/{suggestion["id"]}"))["state"]!.GetValue<string>().ShouldBe("superseded");
        var open = (await api.OkAsync(HttpMethod.Get, "/api/v1/commerce/replenishment/suggestions"))["items"]!.AsArray();
        open.Select(s => s!["id"]!.GetValue<long>()).ShouldBe([replan["id"]!.GetValue<long>()]);
        using (var proposed = await api.PostAsync("/api/v1/commerce/replenishment/suggestions/order", new { suggestions = new[] { replan["id"]!.GetValue<long>() } }))
            await proposed.ShouldBeProblemAsync(HttpStatusCode.Conflict, "suggestion_state");

        // A buyer's own order: priced from the supplier's terms, approved, then sending fails because the mail server is down.
        var order = await api.OkAsync(HttpMethod.Post, "/api/v1/commerce/purchase-orders",
            new { supplier = "acme", warehouse = "main", lines = new[] { new { sku = "TEE-M", quantity = 120 } } });
        order["total"]!.GetValue<decimal>().ShouldBe(420m);
        order = await api.OkAsync(HttpMethod.Post, $"/api/v1/commerce/purchase-orders/{order["id"]}/approve", new { version = order["version"]!.GetValue<int>() });
        using (var down = await api.PostAsync($"/api/v1/commerce/purchase-orders/{order["id"]}/send", new { version = order["version"]!.GetValue<int>() }))
            await down.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "mail_failed");
        var after = await api.OkAsync(HttpMethod.Get, $"/api/v1/commerce/purchase-orders/{order["id"]}");
        after["state"]!.GetValue<string>().ShouldBe("approved");
        after["sendError"]!.GetValue<string>().ShouldContain("127.0.0.1:9");
        // Sent another way (by phone): recorded without email.
        var sent = await api.OkAsync(HttpMethod.Post, $"/api/v1/commerce/purchase-orders/{order["id"]}/send", new { version = after["version"]!.GetValue<int>(), email = false });
        (sent["state"]!.GetValue<string>(), sent["sentTo"]).ShouldBe(("sent", (JsonNode?)null));

        // What a buyer cannot do: order from a supplier what it does not sell, a rule without its max, a plan of a warehouse that is not there.
        using (var unsold = await api.PostAsync("/api/v1/commerce/purchase-orders", new { supplier = "acme", warehouse = "main", lines = new[] { new { sku = "FLOUR", quantity = 1 } } }))
            await unsold.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "not_sold_by_supplier");
        using (var noMax = await api.SendAsync(HttpMethod.Put, "/api/v1/commerce/replenishment/rules", new { sku = "TEE-L", warehouse = "main", policy = "min_max", min = 10 }))
            await noMax.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        using (var nowhere = await api.PostAsync("/api/v1/commerce/replenishment/plan", new { warehouse = "elsewhere" }))
            await nowhere.ShouldBeProblemAsync(HttpStatusCode.NotFound, "warehouse_not_found");
    }

    private static async Task SetUpAsync(WeftApi api)
    {
        await api.OkAsync(HttpMethod.Post, "/api/v1/commerce/products", new
        {
            key = "tee", name = "T-shirt", unit = "unit", category = "Apparel / T-shirts",
            variants = new object[] { new { sku = "TEE-M", cost = 4m, price = 19.9m }, new { sku = "TEE-L", cost = 4m, price = 19.9m } },
        });
        await api.OkAsync(HttpMethod.Post, "/api/v1/commerce/products", new { key = "flour", name = "Flour", unit = "kg", variants = new[] { new { sku = "FLOUR" } } });
        await api.OkAsync(HttpMethod.Post, "/api/v1/commerce/warehouses", new { key = "main", name = "Main warehouse", address = "1 Dock Road" });
        await api.OkAsync(HttpMethod.Post, "/api/v1/commerce/warehouses/main/locations", new { code = "A", type = "storage", name = "Zone A" });
        await api.OkAsync(HttpMethod.Post, "/api/v1/commerce/suppliers",
            new { key = "acme", name = "Acme Textiles", email = "orders@acme.test", contactName = "Ada", currency = "EUR", leadTimeDays = 5 });
        await api.OkAsync(HttpMethod.Put, "/api/v1/commerce/suppliers/acme/products", new
        {
            sku = "TEE-M", supplierSku = "AC-TEE-M", unitPrice = 4.00m, minimumOrder = 20, packSize = 12,
            priceBreaks = new[] { new { fromQuantity = 100m, unitPrice = 3.50m } },
        });
        await api.OkAsync(HttpMethod.Put, "/api/v1/commerce/suppliers/acme/products", new { sku = "TEE-L", supplierSku = "AC-TEE-L", unitPrice = 4.50m });
    }

    /// <summary>The words a PDF shows, read back by PdfPig.</summary>
    private static string PdfText(byte[] pdf)
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        return string.Join("\n", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }
}
