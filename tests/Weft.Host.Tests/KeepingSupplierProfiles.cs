using System.Net;
using System.Text.Json.Nodes;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;
using static Weft.Host.Tests.Infrastructure.DirectoryKit;

namespace Weft.Host.Tests;

/// <summary>
/// A supplier's admins keep its directory profile (terms, products, certificates, documents); nobody else may, bad
/// values are refused field by field and change nothing, and its private documents are its own and the staff's.
/// </summary>
public sealed class KeepingSupplierProfiles
{
    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task A_supplier_keeps_its_profile_and_bad_values_are_refused_with_field_errors_and_no_change(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var market = new Marketplace(api);
        var supplier = await market.SupplierAsync();
        var url = $"/api/v1/market/suppliers/{supplier.Organization}";
        var now = api.Clock.GetUtcNow().UtcDateTime;

        var kept = await supplier.Caller.OkAsync(HttpMethod.Put, url, new
        {
            headline = "Battery-grade Li2CO3", ports = new[] { "Antofagasta", "Mejillones" }, incoterms = new[] { "fob", "CIF" }, annualCapacityTonnes = 40_000,
            leadTimeDays = 30, minOrderTonnes = 20, version = 0,
        });
        (kept["incoterms"]!.AsArray().Select(i => i!.GetValue<string>())).ShouldBe(["FOB", "CIF"]);
        var product = await ProductAsync(supplier.Caller, supplier.Organization, "lithium-carbonate", "battery", 99.6m);
        (product["assay"]!.GetValue<string>(), product["impurities"]!["Na"]!.GetValue<decimal>()).ShouldBe(("Li2CO3", 250m));
        var before = (await supplier.Caller.OkAsync(HttpMethod.Get, url)).ToJsonString();

        var refused = new (string Url, object Body, string[] Fields)[]
        {
            (url, new { ports = new[] { "" }, incoterms = new[] { "XYZ" }, leadTimeDays = 999, annualCapacityTonnes = -1, headline = new string('h', 301) },
                ["ports", "incoterms", "leadTimeDays", "annualCapacityTonnes", "headline"]),
            (url + "/products", new { material = "gold", grade = "", purity = 150 }, ["material", "grade", "purity"]),
            (url + "/products", new { material = "lithium-hydroxide", grade = "battery", purity = 56.5, impurities = new Dictionary<string, decimal> { ["not an element"] = 5 } }, ["impurities"]),
            (url + "/certifications", new { kind = "iso-9999", issuedOn = now.AddYears(5), expiresOn = now.AddYears(-1) }, ["kind", "issuedOn", "expiresOn"]),
            (url + "/certifications", new { kind = "iso-9001" }, ["issuedOn", "expiresOn"]),
        };
        foreach (var (target, body, fields) in refused)
        {
            var (status, code, problem) = await ProblemAsync(supplier.Caller, target.EndsWith(url, StringComparison.Ordinal) ? HttpMethod.Put : HttpMethod.Post, target, body);
            (status, code).ShouldBe((400, "validation_failed"), target);
            foreach (var field in fields) problem!["errors"]![field].ShouldNotBeNull($"{target}: {field}");
        }
        (await ProblemAsync(supplier.Caller, HttpMethod.Post, url + "/products", new { material = "lithium-carbonate", grade = "battery", purity = 99.5 })).Code
            .ShouldBe("product_exists");
        (await ProblemAsync(supplier.Caller, HttpMethod.Put, url, new { headline = "Stale", version = 99 })).Code.ShouldBe("stale_version");
        (await ProblemAsync(supplier.Caller, HttpMethod.Post, url + "/certifications",
            new { kind = "iso-9001", issuedOn = now.AddDays(-1), expiresOn = now.AddDays(100), document = 999999 })).Code.ShouldBe("document_not_found");

        // Documents: a type not accepted, bytes that are not what the name says, nothing at all.
        (await SecurityFixtures.ReadAsync(await UploadAsync(supplier.Caller, supplier.Organization, "setup.exe", "other", [0x4D, 0x5A, 0x90]))).Code
            .ShouldBe("document_type_not_allowed");
        (await SecurityFixtures.ReadAsync(await UploadAsync(supplier.Caller, supplier.Organization, "iso.pdf", "certificate", [0x89, 0x50, 0x4E, 0x47]))).Code
            .ShouldBe("document_content_mismatch");
        (await SecurityFixtures.ReadAsync(await UploadAsync(supplier.Caller, supplier.Organization, "iso.pdf", "certificate", []))).Code.ShouldBe("document_empty");
        (await SecurityFixtures.ReadAsync(await UploadAsync(supplier.Caller, supplier.Organization, "iso.pdf", "poster", PdfBytes))).Code.ShouldBe("validation_failed");

        (await supplier.Caller.OkAsync(HttpMethod.Get, url)).ToJsonString().ShouldBe(before);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task A_supplier_cannot_touch_another_suppliers_profile_nor_read_its_private_documents(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var market = new Marketplace(api);
        var mine = await market.SupplierAsync("Atacama Lithium");
        var theirs = await market.SupplierAsync("Salar Química");
        var sales = await market.MemberAsync(mine.Organization, "sales");
        var buyer = await market.BuyerAsync();
        var url = $"/api/v1/market/suppliers/{theirs.Organization}";
        var product = (await ProductAsync(theirs.Caller, theirs.Organization, "lithium-carbonate", "battery", 99.5m))["id"]!.GetValue<long>();
        var registration = await DocumentAsync(theirs.Caller, theirs.Organization);
        var sheet = await DocumentAsync(theirs.Caller, theirs.Organization, "specifications.pdf", "specification", isPublic: true);
        var before = (await theirs.Caller.OkAsync(HttpMethod.Get, url)).ToJsonString();

        foreach (var caller in new[] { mine.Caller, buyer.Caller })
        {
            (await ProblemAsync(caller, HttpMethod.Put, url, new { headline = "Mine now" })).ShouldSatisfyAllConditions(
                p => p.Status.ShouldBe(403), p => p.Code.ShouldBe("organization_admin_only"));
            (await ProblemAsync(caller, HttpMethod.Post, url + "/products", new { material = "lithium-carbonate", grade = "technical", purity = 99 })).Status.ShouldBe(403);
            (await ProblemAsync(caller, HttpMethod.Delete, $"{url}/products/{product}")).Status.ShouldBe(403);
            (await ProblemAsync(caller, HttpMethod.Delete, $"{url}/documents/{registration}")).Status.ShouldBe(403);
            (await SecurityFixtures.ReadAsync(await UploadAsync(caller, theirs.Organization, "fake.pdf", "registration", PdfBytes))).Status.ShouldBe(403);
            // Their registration is theirs; their specification sheet is public.
            (await caller.SendAsync(HttpMethod.Get, $"{url}/documents/{registration}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await caller.SendAsync(HttpMethod.Get, $"{url}/documents/{sheet}")).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await caller.OkAsync(HttpMethod.Get, url))["documents"]!.AsArray().Select(d => d!["name"]!.GetValue<string>()).ShouldBe(["specifications.pdf"]);
        }
        // Not an admin of one's own supplier either.
        (await ProblemAsync(sales.Caller, HttpMethod.Put, $"/api/v1/market/suppliers/{mine.Organization}", new { headline = "Sales' own" })).Status.ShouldBe(403);
        // The staff may, and read everything.
        var download = await market.Staff.SendAsync(HttpMethod.Get, $"{url}/documents/{registration}");
        (download.StatusCode, download.Content.Headers.ContentType!.MediaType).ShouldBe((HttpStatusCode.OK, "application/pdf"));
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(PdfBytes);
        (await theirs.Caller.OkAsync(HttpMethod.Get, url)).ToJsonString().ShouldBe(before);
    }
}
