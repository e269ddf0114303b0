using System.Text.Json.Nodes;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;
using static Weft.Host.Tests.Infrastructure.DirectoryKit;

namespace Weft.Host.Tests;

/// <summary>
/// The supplier directory: buyers search suppliers by material, grade, live certificate, region, country and capacity;
/// each facet counts the suppliers its values would give with the other filters applied; results rank by relevance
/// to the words searched, or by rating (unrated last).
/// </summary>
public sealed class FindingSuppliers
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Each_filter_narrows_the_directory_and_the_facets_count_the_rest(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var (market, atacama, pilbara, jiangxi, buyer) = await ThreeSuppliersAsync(api);

        var all = await SearchAsync(buyer.Caller, "");
        all["total"]!.GetValue<int>().ShouldBe(3);
        Facet(all, "material").ShouldBe(["lithium-carbonate:2", "lithium-hydroxide:1", "spodumene-concentrate:1"]);
        Facet(all, "certification").ShouldBe(["iso-9001:2", "iatf-16949:1", "reach:1"]);
        Facet(all, "region").ShouldBe(["south-america:1", "asia:1", "oceania:1"]);
        Facet(all, "capacity").ShouldBe(["under-10kt:1", "10-30kt:1", "60kt-plus:1"]);

        // A filter leaves its own facet counting the alternatives, and narrows the others.
        var carbonate = await SearchAsync(buyer.Caller, "material=lithium-carbonate");
        Names(carbonate).ShouldBe(["Atacama Lithium", "Jiangxi Lithium"], ignoreOrder: true);
        Facet(carbonate, "material").ShouldBe(["lithium-carbonate:2", "lithium-hydroxide:1", "spodumene-concentrate:1"]);
        Facet(carbonate, "region").ShouldBe(["south-america:1", "asia:1"]);
        Facet(carbonate, "grade").ShouldBe(["battery:1", "technical:1"]);

        Names(await SearchAsync(buyer.Caller, "material=lithium-carbonate&grade=battery")).ShouldBe(["Atacama Lithium"]);
        Names(await SearchAsync(buyer.Caller, "certification=iatf-16949")).ShouldBe(["Jiangxi Lithium"]);
        Names(await SearchAsync(buyer.Caller, "region=oceania")).ShouldBe(["Pilbara Spodumene"]);
        Names(await SearchAsync(buyer.Caller, "country=cn")).ShouldBe(["Jiangxi Lithium"]);
        Names(await SearchAsync(buyer.Caller, "capacity=60kt-plus")).ShouldBe(["Pilbara Spodumene"]);
        Names(await SearchAsync(buyer.Caller, "minCapacity=10000&sort=name")).ShouldBe(["Atacama Lithium", "Pilbara Spodumene"]);
        Names(await SearchAsync(buyer.Caller, "verified=true&sort=name")).ShouldBe(["Atacama Lithium", "Pilbara Spodumene"]);
        var both = await SearchAsync(buyer.Caller, "material=lithium-carbonate&certification=iso-9001");
        Names(both).ShouldBe(["Atacama Lithium"]);
        Facet(both, "certification").ShouldBe(["iso-9001:1", "iatf-16949:1", "reach:1"]);

        // A certificate that has expired no longer counts (the staff search: the buyer's sign-in has expired by then).
        api.Clock.Advance(TimeSpan.FromDays(200));
        Names(await SearchAsync(market.Staff, "certification=reach")).ShouldBeEmpty();
        Facet(await SearchAsync(market.Staff, ""), "certification").ShouldBe(["iso-9001:2", "iatf-16949:1"]);
        pilbara.ShouldBeGreaterThan(0);
        atacama.ShouldBeGreaterThan(0);
        jiangxi.ShouldBeGreaterThan(0);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task Words_rank_by_relevance_and_ratings_rank_the_rated_first(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var (market, atacama, pilbara, jiangxi, buyer) = await ThreeSuppliersAsync(api);

        Names(await SearchAsync(buyer.Caller, "q=spodumene")).ShouldBe(["Pilbara Spodumene"]);
        // Both names say lithium; the verified one ranks first.
        Names(await SearchAsync(buyer.Caller, "q=lithium")).ShouldBe(["Atacama Lithium", "Jiangxi Lithium"]);
        // A port and a grade are found too; every word must match somewhere.
        Names(await SearchAsync(buyer.Caller, "q=hedland")).ShouldBe(["Pilbara Spodumene"]);
        Names(await SearchAsync(buyer.Caller, "q=hydroxide shanghai")).ShouldBe(["Jiangxi Lithium"]);
        Names(await SearchAsync(buyer.Caller, "q=hydroxide hedland")).ShouldBeEmpty();
        // A supplier named for the word outranks one that only sells it.
        Names(await SearchAsync(buyer.Caller, "q=spodumene concentrate")).ShouldBe(["Pilbara Spodumene"]);
        await ProductAsync(market.Staff, atacama, "spodumene-concentrate", "SC5.5", 5.5m);
        Names(await SearchAsync(buyer.Caller, "q=spodumene")).ShouldBe(["Pilbara Spodumene", "Atacama Lithium"]);

        Names(await SearchAsync(buyer.Caller, "sort=rating")).ShouldBe(["Atacama Lithium", "Jiangxi Lithium", "Pilbara Spodumene"]); // none rated: by name
        await api.Services.RateAsync(atacama, 4.2, 10);
        await api.Services.RateAsync(pilbara, 4.8, 3);
        var rated = await SearchAsync(buyer.Caller, "sort=rating");
        Names(rated).ShouldBe(["Pilbara Spodumene", "Atacama Lithium", "Jiangxi Lithium"]);
        rated["items"]![0]!["ratingAverage"]!.GetValue<double>().ShouldBe(4.8);
        rated["items"]![2]!["ratingAverage"].ShouldBeNull();
        jiangxi.ShouldBeGreaterThan(0);

        // Pages follow the order.
        var first = await SearchAsync(buyer.Caller, "sort=rating&limit=2");
        Names(first).ShouldBe(["Pilbara Spodumene", "Atacama Lithium"]);
        Names(await SearchAsync(buyer.Caller, $"sort=rating&limit=2&cursor={first["nextCursor"]!.GetValue<string>()}")).ShouldBe(["Jiangxi Lithium"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task Unknown_filters_are_refused_with_the_field_named(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var buyer = await new Marketplace(api).BuyerAsync();
        foreach (var (query, field) in new[]
        {
            ("material=gold", "material"), ("certification=iso-1", "certification"), ("region=mars", "region"), ("country=CHL", "country"),
            ("capacity=huge", "capacity"), ("sort=price", "sort"), ("limit=0", "limit"), ("cursor=abc", "cursor"), ("minCapacity=-1", "minCapacity"),
        })
        {
            var (status, code, body) = await ProblemAsync(buyer.Caller, HttpMethod.Get, $"/api/v1/market/suppliers?{query}");
            (status, code).ShouldBe((400, "validation_failed"), query);
            body!["errors"]![field].ShouldNotBeNull(query);
        }
    }

    internal static async Task<(Marketplace Market, long Atacama, long Pilbara, long Jiangxi, Marketplace.Member Buyer)> ThreeSuppliersAsync(WeftApi api)
    {
        var market = new Marketplace(api);
        var atacama = await market.SupplierAsync("Atacama Lithium", "CL");
        var pilbara = await market.SupplierAsync("Pilbara Spodumene", "AU");
        var jiangxi = await market.SupplierAsync("Jiangxi Lithium", "CN", verified: false);
        var buyer = await market.BuyerAsync();

        await ProductAsync(atacama.Caller, atacama.Organization, "lithium-carbonate", "battery", 99.5m, 20_000);
        await ProductAsync(pilbara.Caller, pilbara.Organization, "spodumene-concentrate", "SC6", 6.0m, 200_000);
        await ProductAsync(jiangxi.Caller, jiangxi.Organization, "lithium-hydroxide", "battery", 56.5m, 5_000);
        await ProductAsync(jiangxi.Caller, jiangxi.Organization, "lithium-carbonate", "technical", 99.0m, 3_000);
        await CertificateAsync(api, atacama.Caller, atacama.Organization, "iso-9001", 300);
        await CertificateAsync(api, atacama.Caller, atacama.Organization, "reach", 100);
        await CertificateAsync(api, pilbara.Caller, pilbara.Organization, "iso-9001", 400);
        await CertificateAsync(api, jiangxi.Caller, jiangxi.Organization, "iatf-16949", 500);
        await atacama.Caller.OkAsync(HttpMethod.Put, $"/api/v1/market/suppliers/{atacama.Organization}",
            new { headline = "Battery-grade carbonate from the Salar de Atacama", ports = new[] { "Antofagasta", "Mejillones" }, incoterms = new[] { "FOB", "CIF" }, leadTimeDays = 30 });
        await pilbara.Caller.OkAsync(HttpMethod.Put, $"/api/v1/market/suppliers/{pilbara.Organization}",
            new { headline = "SC6 concentrate", ports = new[] { "Port Hedland" }, incoterms = new[] { "FOB" } });
        await jiangxi.Caller.OkAsync(HttpMethod.Put, $"/api/v1/market/suppliers/{jiangxi.Organization}",
            new { ports = new[] { "Shanghai" }, incoterms = new[] { "CIF", "CFR" } });
        return (market, atacama.Organization, pilbara.Organization, jiangxi.Organization, buyer);
    }

    private static Task<JsonNode> SearchAsync(WeftCaller caller, string query) => caller.OkAsync(HttpMethod.Get, $"/api/v1/market/suppliers?{query}");

    private static List<string> Names(JsonNode result) => [.. result["items"]!.AsArray().Select(i => i!["name"]!.GetValue<string>())];

    private static List<string> Facet(JsonNode result, string facet) =>
        [.. result["facets"]![facet]!.AsArray().Select(v => $"{v!["value"]!.GetValue<string>()}:{v["count"]!.GetValue<int>()}")];
}
