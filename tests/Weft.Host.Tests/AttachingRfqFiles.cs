using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;
using static Weft.Host.Tests.Infrastructure.RfqDesk;

namespace Weft.Host.Tests;

/// <summary>
/// Files on an RFQ: the buyer uploads them while quoting is open (checked like a supplier's documents, ten attachments
/// at most with the links), whoever sees the RFQ downloads the same bytes, and to anyone else a file is a missing one.
/// </summary>
public sealed class AttachingRfqFiles
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% drawing of the big bags\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0];

    private static async Task<HttpResponseMessage> UploadAsync(WeftCaller caller, long rfq, string name, byte[] bytes)
    {
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(bytes);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(part, "file", name);
        return await caller.Client.PostAsync($"/api/v1/market/rfqs/{rfq}/files", form);
    }

    private static async Task<(int Status, string? Code)> RefusedAsync(HttpResponseMessage response)
    {
        var answer = await SecurityFixtures.ReadAsync(response);
        return (answer.Status, answer.Code);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_buyer_uploads_a_file_the_invited_supplier_downloads_it_and_nobody_else_sees_it(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var market = new Marketplace(api);
        var desk = new RfqDesk(market);
        var buyer = await market.BuyerAsync();
        var other = await market.BuyerAsync("Nordvolt", "SE");
        var invited = await market.SupplierAsync("Atacama Lithium", "CL");
        var uninvited = await market.SupplierAsync("Puna Resources", "AR");
        var rfq = await desk.CreateAsync(buyer, [invited.Organization]);
        var theirs = await desk.CreateAsync(other, [uninvited.Organization]);

        var uploaded = await (await UploadAsync(buyer.Caller, rfq, "bag-drawing.pdf", Pdf)).ShouldBeOkAsync(HttpStatusCode.Created);
        var file = uploaded["id"]!.GetValue<long>();
        uploaded["contentType"]!.GetValue<string>().ShouldBe("application/pdf");
        uploaded["size"]!.GetValue<long>().ShouldBe(Pdf.Length);
        var seen = await invited.Caller.OkAsync(HttpMethod.Get, $"/api/v1/market/rfqs/{rfq}");
        seen["files"]!.AsArray().Single()!["name"]!.GetValue<string>().ShouldBe("bag-drawing.pdf");
        seen["attachments"]!.AsArray().Count.ShouldBe(1);

        // The invited supplier and the staff download the same bytes; another buyer and an uninvited supplier find nothing.
        var url = $"/api/v1/market/rfqs/{rfq}/files/{file}";
        foreach (var caller in new[] { invited.Caller, market.Staff, buyer.Caller })
        {
            using var download = await caller.SendAsync(HttpMethod.Get, url);
            download.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await download.Content.ReadAsByteArrayAsync()).ShouldBe(Pdf);
            download.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        }
        (await ProblemAsync(uninvited.Caller, HttpMethod.Get, url)).ShouldBe((404, "rfq_not_found"));
        (await ProblemAsync(other.Caller, HttpMethod.Get, url)).ShouldBe((404, "rfq_not_found"));
        (await ProblemAsync(uninvited.Caller, HttpMethod.Get, $"/api/v1/market/rfqs/{theirs}/files/{file}")).ShouldBe((404, "rfq_file_not_found"));
        (await ProblemAsync(buyer.Caller, HttpMethod.Get, $"/api/v1/market/rfqs/{rfq}/files/999999")).ShouldBe((404, "rfq_file_not_found"));

        // Only the buyer uploads and removes.
        (await RefusedAsync(await UploadAsync(invited.Caller, rfq, "mine.pdf", Pdf))).ShouldBe((403, "buyers_only"));
        (await RefusedAsync(await UploadAsync(uninvited.Caller, rfq, "mine.pdf", Pdf))).ShouldBe((404, "rfq_not_found"));
        (await RefusedAsync(await UploadAsync(other.Caller, rfq, "mine.pdf", Pdf))).ShouldBe((404, "rfq_not_found"));
        (await ProblemAsync(invited.Caller, HttpMethod.Delete, url)).ShouldBe((403, "buyers_only"));
        (await ProblemAsync(other.Caller, HttpMethod.Delete, url)).ShouldBe((404, "rfq_not_found"));
        (await buyer.Caller.OkAsync(HttpMethod.Get, $"/api/v1/market/rfqs/{rfq}"))["files"]!.AsArray().Count.ShouldBe(1);

        // The buyer removes it: it is gone for everyone.
        (await buyer.Caller.SendAsync(HttpMethod.Delete, url)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await ProblemAsync(invited.Caller, HttpMethod.Get, url)).ShouldBe((404, "rfq_file_not_found"));
        (await invited.Caller.OkAsync(HttpMethod.Get, $"/api/v1/market/rfqs/{rfq}"))["files"]!.AsArray().ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_refused_file_saves_nothing_attachments_are_ten_at_most_and_files_change_only_while_quoting_is_open(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var market = new Marketplace(api);
        var desk = new RfqDesk(market);
        var buyer = await market.BuyerAsync();
        var supplier = await market.SupplierAsync();
        var rfq = await desk.CreateAsync(buyer, [supplier.Organization]);
        async Task<JsonArray> FilesAsync() => (await buyer.Caller.OkAsync(HttpMethod.Get, $"/api/v1/market/rfqs/{rfq}"))["files"]!.AsArray();

        var tooLarge = new byte[10 * 1024 * 1024 + 1];
        Pdf.CopyTo(tooLarge, 0);
        (await RefusedAsync(await UploadAsync(buyer.Caller, rfq, "huge.pdf", tooLarge))).ShouldBe((413, "document_too_large"));
        (await RefusedAsync(await UploadAsync(buyer.Caller, rfq, "setup.exe", [0x4D, 0x5A, 0x90]))).ShouldBe((415, "document_type_not_allowed"));
        (await RefusedAsync(await UploadAsync(buyer.Caller, rfq, "drawing.pdf", Png))).ShouldBe((415, "document_content_mismatch"));
        (await RefusedAsync(await UploadAsync(buyer.Caller, rfq, "empty.pdf", []))).Code.ShouldBe("document_empty");
        var json = await SecurityFixtures.ReadAsync(await buyer.Caller.SendAsync(HttpMethod.Post, $"/api/v1/market/rfqs/{rfq}/files", new { name = "x.pdf" }));
        (json.Status, json.Code).ShouldBe((400, "validation_failed"));
        (await FilesAsync()).ShouldBeEmpty();

        // The RFQ has one link already: nine files make ten attachments, and the eleventh is refused.
        for (var i = 1; i <= 9; i++) await (await UploadAsync(buyer.Caller, rfq, $"sheet-{i}.png", Png)).ShouldBeOkAsync(HttpStatusCode.Created);
        (await RefusedAsync(await UploadAsync(buyer.Caller, rfq, "sheet-10.png", Png))).ShouldBe((422, "too_many_attachments"));
        var files = await FilesAsync();
        files.Count.ShouldBe(9);

        // Once quoting closes, the files stay as they are.
        await desk.PassAsync(Deadline.AddMinutes(1), buyer, supplier);
        (await RefusedAsync(await UploadAsync(buyer.Caller, rfq, "late.pdf", Pdf))).ShouldBe((409, "quoting_closed"));
        (await ProblemAsync(buyer.Caller, HttpMethod.Delete, $"/api/v1/market/rfqs/{rfq}/files/{files[0]!["id"]}")).ShouldBe((409, "quoting_closed"));
        (await FilesAsync()).Count.ShouldBe(9);
        using var download = await supplier.Caller.SendAsync(HttpMethod.Get, $"/api/v1/market/rfqs/{rfq}/files/{files[0]!["id"]}");
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(Png);
    }
}
