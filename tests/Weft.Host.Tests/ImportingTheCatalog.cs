using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;

namespace Weft.Host.Tests;

/// <summary>
/// A merchant keeps the catalog in a spreadsheet: the file imports whole or not at all, every wrong row is named with its
/// column, and what the catalog exports imports again without a change.
/// </summary>
public sealed class ImportingTheCatalog
{
    private const string Header = "key,name,description,category,unit,tracking,shelfLifeDays,sku,barcode,weightGrams,dimensionsMm,cost,price,currency,attributes";

    private static readonly string GoodFile = string.Join("\r\n",
        Header,
        """tee,T-shirt,"Organic cotton, heavy",Apparel / T-shirts,unit,none,,TEE-M,4006381333931,180,300x200x10,4.2,19.9,EUR,"{""size"":""M""}" """.TrimEnd(),
        """tee,T-shirt,"Organic cotton, heavy",Apparel / T-shirts,unit,none,,TEE-L,,190,300x200x12,4.2,19.9,EUR,"{""size"":""L""}" """.TrimEnd(),
        "flour,Flour,,Bakery,kg,lot,365,FLOUR,,1000,,0.8,2.5,EUR,",
        "-dash,'=Formula-looking name,,,unit,,,-DASH-1,,,,,,,",
        "");

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_good_file_creates_its_products_and_a_second_import_updates_what_changed(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);

        var result = await ImportOkAsync(api, GoodFile);
        result["rows"]!.GetValue<int>().ShouldBe(4);
        result["productsCreated"]!.GetValue<int>().ShouldBe(3);
        result["skusCreated"]!.GetValue<int>().ShouldBe(4);

        var tee = await api.OkAsync(HttpMethod.Get, "/api/v1/commerce/products/tee");
        tee["name"]!.GetValue<string>().ShouldBe("T-shirt");
        tee["description"]!.GetValue<string>().ShouldBe("Organic cotton, heavy");
        tee["category"]!.GetValue<string>().ShouldBe("Apparel / T-shirts");
        var medium = tee["variants"]!.AsArray().Single(v => v!["sku"]!.GetValue<string>() == "TEE-M")!;
        medium["barcode"]!.GetValue<string>().ShouldBe("4006381333931");
        medium["weightGrams"]!.GetValue<decimal>().ShouldBe(180m);
        (medium["lengthMm"]!.GetValue<decimal>(), medium["widthMm"]!.GetValue<decimal>(), medium["heightMm"]!.GetValue<decimal>()).ShouldBe((300m, 200m, 10m));
        medium["price"]!.GetValue<decimal>().ShouldBe(19.9m);
        medium["attributes"]!["size"]!.GetValue<string>().ShouldBe("M");
        var flour = await api.OkAsync(HttpMethod.Get, "/api/v1/commerce/products/flour");
        (flour["tracking"]!.GetValue<string>(), flour["shelfLifeDays"]!.GetValue<int>(), flour["unit"]!.GetValue<string>()).ShouldBe(("lot", 365, "kg"));
        // What a spreadsheet would run as a formula was written after a ' and is read without it.
        (await api.OkAsync(HttpMethod.Get, "/api/v1/commerce/products/-dash"))["name"]!.GetValue<string>().ShouldBe("=Formula-looking name");

        // The same SKUs again: TEE-L's price changes, TEE-S is new, flour is as it was.
        var second = string.Join("\r\n", Header,
            """tee,T-shirt,"Organic cotton, heavy",Apparel / T-shirts,unit,none,,TEE-L,,190,300x200x12,4.2,21.5,EUR,"{""size"":""L""}" """.TrimEnd(),
            "tee,T-shirt,\"Organic cotton, heavy\",Apparel / T-shirts,unit,none,,TEE-S,,170,,4.2,19.9,EUR,",
            "flour,Flour,,Bakery,kg,lot,365,FLOUR,,1000,,0.8,2.5,EUR,");
        var again = await ImportOkAsync(api, second);
        (again["productsCreated"]!.GetValue<int>(), again["productsUpdated"]!.GetValue<int>(), again["productsUnchanged"]!.GetValue<int>()).ShouldBe((0, 0, 2));
        (again["skusCreated"]!.GetValue<int>(), again["skusUpdated"]!.GetValue<int>(), again["skusUnchanged"]!.GetValue<int>()).ShouldBe((1, 1, 1));
        tee = await api.OkAsync(HttpMethod.Get, "/api/v1/commerce/products/tee");
        tee["variants"]!.AsArray().Select(v => v!["sku"]!.GetValue<string>()).ShouldBe(["TEE-M", "TEE-L", "TEE-S"]);
        tee["variants"]!.AsArray().Single(v => v!["sku"]!.GetValue<string>() == "TEE-L")!["price"]!.GetValue<decimal>().ShouldBe(21.5m);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_file_with_bad_rows_imports_nothing_and_names_each_error_by_row_and_column(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        await api.OkAsync(HttpMethod.Post, "/api/v1/commerce/products", new { key = "mug", name = "Mug", unit = "unit", variants = new[] { new { sku = "MUG", barcode = "96385074" } } });
        var file = string.Join("\r\n", Header,
            "tee,T-shirt,,Apparel,unit,none,,TEE-M,4006381333932,,,4.2,19.9,EUR,", // row 2: the check digit is wrong
            "tee,T-shirt,,Apparel,unit,none,,TEE-L,,,,4.2,19.9,EUR,", // row 3: good
            "bag,Bag,,,crate,,,BAG-1,,,,,,,", // row 4: no such unit
            "bag,Bag,,,crate,,,TEE-M,,,,,,,", // row 5: the unit again, and TEE-M is on row 2 too
            "cup,Cup,,,unit,serial,,MUG,,,,abc,,eur,", // row 6: MUG is the mug's; cost is no number; currency lower case
            "tee,Tee shirt,,Apparel,unit,none,,TEE-XL,,,2x3,,,,\"{\"\"size\"\":1}\"", // row 7: another name for tee, bad dimensions, an attribute that is no text
            "ink,Ink,,,ml,serial,,INK,96385074,,,,,,"); // row 8: serial numbers in millilitres; the mug's barcode
        using var response = await ImportAsync(api.Client, file);
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "catalog_import_invalid");
        var errors = problem["errors"]!.AsArray().Select(e => (e!["row"]!.GetValue<int>(), e["column"]!.GetValue<string>())).ToList();
        errors.ShouldBe(
        [
            (2, "barcode"),
            (4, "unit"),
            (5, "unit"), (5, "sku"),
            (6, "sku"), (6, "cost"), (6, "currency"),
            (7, "name"), (7, "dimensionsMm"), (7, "attributes"),
            (8, "tracking"), (8, "barcode"),
        ], ignoreOrder: true, problem.ToJsonString());
        problem["detail"]!.GetValue<string>().ShouldBe("Nothing was imported: 12 errors in 6 rows.");
        problem["errors"]!.AsArray().Single(e => e!["row"]!.GetValue<int>() == 6 && e["column"]!.GetValue<string>() == "sku")!["message"]!.GetValue<string>()
            .ShouldBe("SKU 'MUG' belongs to product 'mug', not 'cup'.");

        // Nothing of the file was written, not even its good row.
        (await api.OkAsync(HttpMethod.Get, "/api/v1/commerce/products"))["items"]!.AsArray().Select(p => p!["key"]!.GetValue<string>()).ShouldBe(["mug"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task What_the_catalog_exports_imports_again_unchanged(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        await ImportOkAsync(api, GoodFile);
        await api.OkAsync(HttpMethod.Post, "/api/v1/commerce/products", new
        {
            key = "scarf", name = "Scarf, \"long\"", unit = "unit", category = "Apparel/Winter", description = "Line one\nline two",
            variants = new object[]
            {
                new { sku = "SCARF-R", attributes = new { colour = "red, dark", note = "=1+1" }, barcode = "96385074", weightGrams = 120.5m, lengthMm = 1800m, cost = 7.123456m, price = 25m, currency = "USD" },
                new { sku = "SCARF-B", heightMm = 3m },
            },
        });
        var before = await ProductsAsync(api);

        using var export = await api.GetAsync("/api/v1/commerce/products.csv");
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        export.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var csv = await export.Content.ReadAsStringAsync();
        csv.Split("\r\n")[0].ShouldBe(Header);
        csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(1 + 6, csv);
        csv.ShouldContain("'-DASH-1");

        var result = await ImportOkAsync(api, csv);
        (result["rows"]!.GetValue<int>(), result["productsUnchanged"]!.GetValue<int>(), result["skusUnchanged"]!.GetValue<int>()).ShouldBe((6, 4, 6));
        (result["productsUpdated"]!.GetValue<int>(), result["skusUpdated"]!.GetValue<int>(), result["skusCreated"]!.GetValue<int>()).ShouldBe((0, 0, 0));
        (await ProductsAsync(api)).ShouldBe(before);
        (await (await api.GetAsync("/api/v1/commerce/products.csv")).Content.ReadAsStringAsync()).ShouldBe(csv);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Importing_needs_the_manage_permission_and_exporting_the_read_one(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var key = (await api.OkAsync(HttpMethod.Post, "/api/v1/api-keys", new { name = "reader", scopes = new[] { "commerce:read" } }))["key"]!.GetValue<string>();
        using var reader = api.CreateClient("ApiKey " + key);

        using (var refused = await ImportAsync(reader, GoodFile))
            await refused.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await api.OkAsync(HttpMethod.Get, "/api/v1/commerce/products"))["items"]!.AsArray().ShouldBeEmpty();
        using var export = await reader.GetAsync("/api/v1/commerce/products.csv");
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await export.Content.ReadAsStringAsync()).ShouldBe(Header + "\r\n");
        using var anonymous = api.CreateClient();
        (await anonymous.GetAsync("/api/v1/commerce/products.csv")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_file_that_is_no_catalog_is_refused_with_what_is_wrong(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        using (var empty = await ImportAsync(api.Client, ""))
            (await empty.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "catalog_import_invalid"))["errors"]![0]!["row"]!.GetValue<int>().ShouldBe(1);
        using (var headerOnly = await ImportAsync(api.Client, Header + "\r\n"))
            (await headerOnly.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "catalog_import_invalid"))["errors"]![0]!["row"]!.GetValue<int>().ShouldBe(2);
        using (var wrongColumns = await ImportAsync(api.Client, "key,name,colour\r\ntee,Tee,red\r\n"))
        {
            var errors = (await wrongColumns.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "catalog_import_invalid"))["errors"]!.AsArray()
                .Select(e => e!["column"]!.GetValue<string>()).ToList();
            errors.ShouldBe(["colour", "unit", "sku"], ignoreOrder: true);
        }
        using (var notAFile = await api.PostAsync("/api/v1/commerce/products/import", new { file = "tee" }))
            await notAFile.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        (await api.OkAsync(HttpMethod.Get, "/api/v1/commerce/products"))["items"]!.AsArray().ShouldBeEmpty();
    }

    private static async Task<JsonNode> ImportOkAsync(WeftApi api, string csv)
    {
        using var response = await ImportAsync(api.Client, csv);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!;
    }

    private static Task<HttpResponseMessage> ImportAsync(HttpClient client, string csv)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "products.csv");
        return client.PostAsync("/api/v1/commerce/products/import", form);
    }

    /// <summary>Every product with its variants as the API shows them, without the times an import may not change.</summary>
    private static async Task<string> ProductsAsync(WeftApi api)
    {
        var items = (await api.OkAsync(HttpMethod.Get, "/api/v1/commerce/products?limit=100"))["items"]!.AsArray();
        return string.Join("\n", items.Select(p => p!.ToJsonString()));
    }
}
