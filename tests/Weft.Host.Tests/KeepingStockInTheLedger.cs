using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;

namespace Weft.Host.Tests;

/// <summary>
/// A merchant's stock is what its ledger says: every change is a move between two locations, what each location holds
/// is the sum of its moves, and no request, however many arrive at once, takes more than is there.
/// </summary>
public sealed class KeepingStockInTheLedger
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task On_hand_equals_the_sum_of_the_moves_after_a_random_day_of_receipts_transfers_picks_and_adjustments(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        await SetUpAsync(api);
        string[] skus = ["TEE-M", "TEE-L", "FLOUR"];
        string[] bins = ["main/A/A-01", "main/A/A-02", "main/R"];
        var random = new Random(20261204);
        var expected = new Dictionary<(string Sku, string Bin), decimal>();
        var refused = 0;
        for (var i = 0; i < 150; i++)
        {
            var sku = skus[random.Next(skus.Length)];
            var lot = sku == "FLOUR" ? "L1" : null;
            var quantity = sku == "FLOUR" ? Math.Round((decimal)random.NextDouble() * 20 + 0.5m, 3) : random.Next(1, 15);
            var bin = bins[random.Next(bins.Length)];
            var other = bins[(Array.IndexOf(bins, bin) + 1 + random.Next(bins.Length - 1)) % bins.Length];
            var (reason, line, out_, in_) = random.Next(5) switch
            {
                0 or 1 => ("receipt", (object)new { sku, quantity, to = bin, lot, unitCost = 2.5m }, (string?)null, bin),
                2 => ("transfer", new { sku, quantity, from = bin, to = other, lot }, bin, other),
                3 => ("pick", new { sku, quantity, from = bin, lot }, bin, (string?)null),
                _ => random.Next(2) == 0
                    ? ("adjustment", new { sku, quantity, from = bin, to = "virtual/adjustment", lot }, bin, (string?)null)
                    : ("adjustment", new { sku, quantity, from = "virtual/adjustment", to = bin, lot }, (string?)null, bin),
            };
            var enough = out_ is null || expected.GetValueOrDefault((sku, out_)) >= quantity;
            // Bin A-01 holds 500 units at most, whatever the SKU.
            var fits = in_ != "main/A/A-01" || expected.Where(e => e.Key.Bin == in_).Sum(e => e.Value) + quantity <= 500;
            using var response = await api.PostAsync("/api/v1/commerce/moves", new { reason, reference = $"R-{i}", lines = new[] { line } });
            if (enough && fits)
            {
                await response.ShouldBeOkAsync(HttpStatusCode.Created);
                if (out_ is not null) expected[(sku, out_)] = expected.GetValueOrDefault((sku, out_)) - quantity;
                if (in_ is not null) expected[(sku, in_)] = expected.GetValueOrDefault((sku, in_)) + quantity;
            }
            else
            {
                await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, enough ? "location_full" : "insufficient_stock");
                refused++;
            }
        }
        refused.ShouldBeGreaterThan(5, "the day included refusals");

        // What the stock says, what the moves add up to, and what the test expected: all the same.
        var stock = (await api.OkAsync(HttpMethod.Get, "/api/v1/commerce/stock")).AsArray()
            .ToDictionary(s => (s!["sku"]!.GetValue<string>(), s["location"]!.GetValue<string>()), s => s!["onHand"]!.GetValue<decimal>());
        var fromMoves = new Dictionary<(string, string), decimal>();
        var moves = await AllMovesAsync(api);
        foreach (var m in moves)
        {
            var (sku, q) = (m["sku"]!.GetValue<string>(), m["quantity"]!.GetValue<decimal>());
            fromMoves[(sku, m["from"]!.GetValue<string>())] = fromMoves.GetValueOrDefault((sku, m["from"]!.GetValue<string>())) - q;
            fromMoves[(sku, m["to"]!.GetValue<string>())] = fromMoves.GetValueOrDefault((sku, m["to"]!.GetValue<string>())) + q;
        }
        var internalFromMoves = fromMoves.Where(f => !f.Key.Item2.StartsWith("virtual/", StringComparison.Ordinal) && f.Value != 0).ToDictionary();
        stock.ShouldBe(internalFromMoves, ignoreOrder: true);
        stock.ShouldBe(expected.Where(e => e.Value != 0).ToDictionary(), ignoreOrder: true);
        stock.Values.ShouldAllBe(v => v > 0);
        moves.Count.ShouldBe(150 - refused);
        // Double entry: what the virtual locations gave and took is the internal stock's total.
        fromMoves.Where(f => f.Key.Item2.StartsWith("virtual/", StringComparison.Ordinal)).Sum(f => f.Value).ShouldBe(-stock.Values.Sum());
        foreach (var sku in skus)
        {
            var product = await api.OkAsync(HttpMethod.Get, $"/api/v1/commerce/products/{(sku == "FLOUR" ? "flour" : "tee")}");
            var variant = product["variants"]!.AsArray().Single(v => v!["sku"]!.GetValue<string>() == sku)!;
            variant["onHand"]!.GetValue<decimal>().ShouldBe(stock.Where(s => s.Key.Item1 == sku).Sum(s => s.Value));
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Fifty_requests_at_once_for_the_last_units_move_exactly_what_is_there_and_the_rest_are_refused(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        await SetUpAsync(api);
        await api.OkAsync(HttpMethod.Post, "/api/v1/commerce/moves",
            new { reason = "receipt", reference = "PO-1", lines = new[] { new { sku = "TEE-M", quantity = 17, to = "main/A/A-02", unitCost = 4m } } });

        var picks = await Task.WhenAll(Enumerable.Range(1, 50).Select(async i =>
        {
            using var response = await api.PostAsync("/api/v1/commerce/moves",
                new { reason = "pick", reference = $"SO-{i}", lines = new[] { new { sku = "TEE-M", quantity = 1, from = "main/A/A-02" } } });
            var body = await response.Content.ReadAsStringAsync();
            return (response.StatusCode, Code: response.IsSuccessStatusCode ? null : JsonNode.Parse(body)!["code"]!.GetValue<string>());
        }));

        picks.Count(p => p.StatusCode == HttpStatusCode.Created).ShouldBe(17);
        picks.Where(p => p.StatusCode != HttpStatusCode.Created).ShouldAllBe(p => p.StatusCode == HttpStatusCode.Conflict && p.Code == "insufficient_stock");
        (await api.OkAsync(HttpMethod.Get, "/api/v1/commerce/stock?sku=TEE-M")).AsArray().ShouldBeEmpty();
        (await AllMovesAsync(api)).Count(m => m["reason"]!.GetValue<string>() == "pick").ShouldBe(17);
        var variant = (await api.OkAsync(HttpMethod.Get, "/api/v1/commerce/products/tee"))["variants"]!.AsArray()[0]!;
        variant["onHand"]!.GetValue<decimal>().ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Moves_are_valued_at_the_moving_average_cost_and_a_request_moves_all_its_lines_or_none(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        await SetUpAsync(api);
        await api.OkAsync(HttpMethod.Post, "/api/v1/commerce/moves", new
        {
            reason = "receipt", reference = "PO-1",
            lines = new object[] { new { sku = "TEE-L", quantity = 10, to = "main/R", unitCost = 4m }, new { sku = "TEE-L", quantity = 30, to = "main/R", unitCost = 6m } },
        });
        // (10 × 4 + 30 × 6) / 40 = 5.5
        var pick = (await api.OkAsync(HttpMethod.Post, "/api/v1/commerce/moves",
            new { reason = "pick", reference = "SO-1", lines = new[] { new { sku = "TEE-L", quantity = 4, from = "main/R" } } })).AsArray()[0]!;
        (pick["unitCost"]!.GetValue<decimal>(), pick["value"]!.GetValue<decimal>()).ShouldBe((5.5m, 22m));
        var received = (await AllMovesAsync(api)).Where(m => m["reason"]!.GetValue<string>() == "receipt").ToList();
        received.Select(m => m["value"]!.GetValue<decimal>()).ShouldBe([40m, 180m]);
        received.Select(m => m["batch"]!.GetValue<long>()).Distinct().ShouldHaveSingleItem();
        using (var csv = await api.GetAsync("/api/v1/commerce/moves.csv?reason=receipt"))
        {
            csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
            var rows = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            rows[0].ShouldBe("id,batch,at,sku,lot,from,to,quantity,reason,reference,actor,unit_cost,value,reservation");
            rows.Length.ShouldBe(3);
            rows[2].Split(',')[3..9].ShouldBe(["TEE-L", "", "virtual/supplier", "main/R", "30", "receipt"]);
        }

        // The second line cannot move: the first does not either.
        var before = await api.OkAsync(HttpMethod.Get, "/api/v1/commerce/stock");
        await (await api.PostAsync("/api/v1/commerce/moves", new
        {
            reason = "transfer",
            lines = new object[] { new { sku = "TEE-L", quantity = 6, from = "main/R", to = "main/A/A-01" }, new { sku = "TEE-L", quantity = 31, from = "main/R", to = "main/A/A-02" } },
        })).ShouldBeProblemAsync(HttpStatusCode.Conflict, "insufficient_stock");
        (await api.OkAsync(HttpMethod.Get, "/api/v1/commerce/stock")).ToJsonString().ShouldBe(before.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Reserved_stock_stays_on_hand_but_only_its_reservation_can_take_it(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        await SetUpAsync(api);
        await api.OkAsync(HttpMethod.Post, "/api/v1/commerce/moves",
            new { reason = "receipt", lines = new[] { new { sku = "TEE-M", quantity = 10, to = "main/A/A-02", unitCost = 4m } } });

        var held = await api.OkAsync(HttpMethod.Post, "/api/v1/commerce/reservations", new { sku = "TEE-M", location = "main/A/A-02", quantity = 8, reference = "SO-7" });
        var id = held["id"]!.GetValue<long>();
        var row = (await api.OkAsync(HttpMethod.Get, "/api/v1/commerce/stock?sku=TEE-M")).AsArray().Single()!;
        (row["onHand"]!.GetValue<decimal>(), row["reserved"]!.GetValue<decimal>(), row["available"]!.GetValue<decimal>()).ShouldBe((10m, 8m, 2m));
        await (await api.PostAsync("/api/v1/commerce/reservations", new { sku = "TEE-M", location = "main/A/A-02", quantity = 3, reference = "SO-8" }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "insufficient_stock");
        await (await api.PostAsync("/api/v1/commerce/moves", new { reason = "pick", lines = new[] { new { sku = "TEE-M", quantity = 3, from = "main/A/A-02" } } }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "insufficient_stock");

        // The order's pick takes 5 of its 8; 3 stay held for it, then are given back.
        var pick = (await api.OkAsync(HttpMethod.Post, "/api/v1/commerce/moves",
            new { reason = "pick", reference = "SO-7", lines = new[] { new { sku = "TEE-M", quantity = 5, from = "main/A/A-02", reservation = id } } })).AsArray()[0]!;
        pick["reservation"]!.GetValue<long>().ShouldBe(id);
        await (await api.PostAsync("/api/v1/commerce/moves", new { reason = "pick", lines = new[] { new { sku = "TEE-M", quantity = 4, from = "main/A/A-02", reservation = id } } }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "reservation_short");
        (await api.OkAsync(HttpMethod.Get, "/api/v1/commerce/reservations?reference=SO-7")).AsArray().Single()!["quantity"]!.GetValue<decimal>().ShouldBe(3m);
        var released = await api.OkAsync(HttpMethod.Post, $"/api/v1/commerce/reservations/{id}/release");
        released["state"]!.GetValue<string>().ShouldBe("released");
        await (await api.PostAsync($"/api/v1/commerce/reservations/{id}/release")).ShouldBeProblemAsync(HttpStatusCode.Conflict, "reservation_ended");
        row = (await api.OkAsync(HttpMethod.Get, "/api/v1/commerce/stock?sku=TEE-M")).AsArray().Single()!;
        (row["onHand"]!.GetValue<decimal>(), row["reserved"]!.GetValue<decimal>(), row["available"]!.GetValue<decimal>()).ShouldBe((5m, 0m, 5m));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_counts_variances_wait_for_a_manager_whose_approval_adjusts_the_stock(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        await SetUpAsync(api);
        await api.OkAsync(HttpMethod.Post, "/api/v1/commerce/moves", new
        {
            reason = "receipt",
            lines = new object[] { new { sku = "TEE-M", quantity = 10, to = "main/A/A-02", unitCost = 4m }, new { sku = "TEE-L", quantity = 5, to = "main/A/A-02", unitCost = 4m } },
        });

        // A clerk finds 8 M (2 lost), 6 L (1 found); meanwhile 1 M is picked.
        var count = await api.OkAsync(HttpMethod.Post, "/api/v1/commerce/counts", new
        {
            location = "main/A/A-02", reference = "cycle A", lines = new object[] { new { sku = "TEE-M", counted = 8 }, new { sku = "TEE-L", counted = 6 } },
        });
        count["state"]!.GetValue<string>().ShouldBe("pending");
        count["lines"]!.AsArray().Select(l => (l!["sku"]!.GetValue<string>(), l["expected"]!.GetValue<decimal>(), l["variance"]!.GetValue<decimal>()))
            .ShouldBe([("TEE-M", 10m, -2m), ("TEE-L", 5m, 1m)]);
        (await api.OkAsync(HttpMethod.Get, "/api/v1/commerce/stock?sku=TEE-M")).AsArray().Single()!["onHand"]!.GetValue<decimal>().ShouldBe(10m, "nothing changes until approved");
        await api.OkAsync(HttpMethod.Post, "/api/v1/commerce/moves", new { reason = "pick", lines = new[] { new { sku = "TEE-M", quantity = 1, from = "main/A/A-02" } } });

        var id = count["id"]!.GetValue<long>();
        await (await api.PostAsync($"/api/v1/commerce/counts/{id}/reject", new { })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        var approved = await api.OkAsync(HttpMethod.Post, $"/api/v1/commerce/counts/{id}/approve", new { note = "matches the recount" });
        approved["state"]!.GetValue<string>().ShouldBe("approved");
        await (await api.PostAsync($"/api/v1/commerce/counts/{id}/approve", new { })).ShouldBeProblemAsync(HttpStatusCode.Conflict, "count_decided");
        var stock = (await api.OkAsync(HttpMethod.Get, "/api/v1/commerce/stock?location=main/A/A-02")).AsArray()
            .ToDictionary(s => s!["sku"]!.GetValue<string>(), s => s!["onHand"]!.GetValue<decimal>());
        stock.ShouldBe(new Dictionary<string, decimal> { ["TEE-L"] = 6m, ["TEE-M"] = 7m }, ignoreOrder: true);
        (await AllMovesAsync(api)).Where(m => m["reference"]!.GetValue<string>() == $"count {id}")
            .Select(m => (m["sku"]!.GetValue<string>(), m["from"]!.GetValue<string>(), m["to"]!.GetValue<string>(), m["quantity"]!.GetValue<decimal>()))
            .ShouldBe([("TEE-M", "main/A/A-02", "virtual/adjustment", 2m), ("TEE-L", "virtual/adjustment", "main/A/A-02", 1m)]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task What_the_catalog_and_the_ledger_cannot_take_is_refused_with_the_reason_and_changes_nothing(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        await SetUpAsync(api);
        async Task RefusedAsync(string url, object body, HttpStatusCode status, string code, string? field = null)
        {
            var problem = await (await api.PostAsync(url, body)).ShouldBeProblemAsync(status, code);
            if (field is not null) problem["errors"]!.AsObject().Select(e => e.Key).ShouldContain(field);
        }
        // 4006381333931 is a valid EAN-13 (GS1's own example); its last digit changed is not.
        await RefusedAsync("/api/v1/commerce/products", new { key = "mug", name = "Mug", unit = "unit", variants = new[] { new { sku = "MUG", barcode = "4006381333932" } } },
            HttpStatusCode.BadRequest, "validation_failed", "variants[0].barcode");
        await RefusedAsync("/api/v1/commerce/products", new { key = "mug", name = "Mug", unit = "crate", variants = new[] { new { sku = "MUG" } } },
            HttpStatusCode.BadRequest, "validation_failed", "unit");
        await RefusedAsync("/api/v1/commerce/products", new { key = "mug", name = "Mug", unit = "unit", variants = new[] { new { sku = "TEE-M" } } },
            HttpStatusCode.Conflict, "sku_exists");
        await RefusedAsync("/api/v1/commerce/products", new { key = "mug", name = "Mug", unit = "unit", variants = new[] { new { sku = "MUG", barcode = "4006381333931" } } },
            HttpStatusCode.Conflict, "barcode_exists");
        await RefusedAsync("/api/v1/commerce/moves", new { reason = "receipt", lines = new[] { new { sku = "TEE-M", quantity = 1.5m, to = "main/R", unitCost = 1m } } },
            HttpStatusCode.BadRequest, "validation_failed", "lines[0].quantity");
        await RefusedAsync("/api/v1/commerce/moves", new { reason = "receipt", lines = new[] { new { sku = "FLOUR", quantity = 1m, to = "main/R", unitCost = 1m } } },
            HttpStatusCode.BadRequest, "validation_failed", "lines[0].lot");
        await RefusedAsync("/api/v1/commerce/moves", new { reason = "receipt", lines = new[] { new { sku = "TEE-M", quantity = 1m, to = "main/A", unitCost = 1m } } },
            HttpStatusCode.BadRequest, "validation_failed", "lines[0].to");
        await RefusedAsync("/api/v1/commerce/moves", new { reason = "pick", lines = new[] { new { sku = "TEE-M", quantity = 1m, from = "main/R", to = "virtual/supplier" } } },
            HttpStatusCode.BadRequest, "validation_failed", "lines[0].to");
        await RefusedAsync("/api/v1/commerce/moves", new { reason = "receipt", lines = new[] { new { sku = "NOPE", quantity = 1m, to = "main/R", unitCost = 1m } } },
            HttpStatusCode.BadRequest, "validation_failed", "lines[0].sku");
        await RefusedAsync("/api/v1/commerce/moves", new { reason = "teleport", lines = new[] { new { sku = "TEE-M", quantity = 1m } } },
            HttpStatusCode.BadRequest, "validation_failed", "reason");
        await RefusedAsync("/api/v1/commerce/warehouses/main/locations", new { code = "X", type = "storage", parent = "main/A/A-01" },
            HttpStatusCode.UnprocessableEntity, "parent_holds_stock");
        (await api.OkAsync(HttpMethod.Get, "/api/v1/commerce/moves"))["items"]!.AsArray().ShouldBeEmpty();
        (await api.OkAsync(HttpMethod.Get, "/api/v1/commerce/products?search=mug"))["items"]!.AsArray().ShouldBeEmpty();
        (await api.OkAsync(HttpMethod.Get, "/api/v1/commerce/products?category=Apparel"))["items"]!.AsArray().Single()!["key"]!.GetValue<string>().ShouldBe("tee");
    }

    /// <summary>Two products (a T-shirt in two sizes, counted in units; flour in kg, by lot), warehouse "main" with receiving R and zone A of two bins, A-01 holding 500 units at most.</summary>
    private static async Task SetUpAsync(WeftApi api)
    {
        await api.OkAsync(HttpMethod.Post, "/api/v1/commerce/products", new
        {
            key = "tee", name = "T-shirt", unit = "unit", category = "Apparel / T-shirts",
            variants = new object[]
            {
                new { sku = "TEE-M", attributes = new { size = "M" }, barcode = "4006381333931", cost = 4m, price = 19.9m, currency = "EUR" },
                new { sku = "TEE-L", attributes = new { size = "L" }, cost = 4m, price = 19.9m, currency = "EUR" },
            },
        });
        await api.OkAsync(HttpMethod.Post, "/api/v1/commerce/products", new
        {
            key = "flour", name = "Flour", unit = "kg", category = "Bakery", tracking = "lot", shelfLifeDays = 365, variants = new[] { new { sku = "FLOUR", cost = 0.8m } },
        });
        await api.OkAsync(HttpMethod.Post, "/api/v1/commerce/warehouses", new { key = "main", name = "Main warehouse" });
        await api.OkAsync(HttpMethod.Post, "/api/v1/commerce/warehouses/main/locations", new { code = "R", type = "receiving", name = "Receiving" });
        await api.OkAsync(HttpMethod.Post, "/api/v1/commerce/warehouses/main/locations", new { code = "A", type = "view", name = "Zone A" });
        await api.OkAsync(HttpMethod.Post, "/api/v1/commerce/warehouses/main/locations", new { code = "A-01", type = "storage", parent = "main/A", capacity = 500 });
        await api.OkAsync(HttpMethod.Post, "/api/v1/commerce/warehouses/main/locations", new { code = "A-02", type = "storage", parent = "main/A" });
        (await api.OkAsync(HttpMethod.Get, "/api/v1/commerce/warehouses/main/locations")).AsArray().Select(l => l!["path"]!.GetValue<string>())
            .ShouldBe(["main", "main/A", "main/A/A-01", "main/A/A-02", "main/R"]);
    }

    private static async Task<List<JsonNode>> AllMovesAsync(WeftApi api)
    {
        var all = new List<JsonNode>();
        string? cursor = null;
        do
        {
            var page = await api.OkAsync(HttpMethod.Get, "/api/v1/commerce/moves?limit=100" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            all.AddRange(page["items"]!.AsArray().Select(m => m!));
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);
        return all;
    }
}
