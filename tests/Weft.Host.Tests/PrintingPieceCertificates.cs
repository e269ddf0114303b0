using System.Net;
using System.Text.RegularExpressions;
using UglyToad.PdfPig;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;

namespace Weft.Host.Tests;

/// <summary>
/// A finished piece's certificate, downloaded as a PDF: it names the people who made the piece, shows the QC failure
/// that had it remade, and carries a code that verifies that piece and no other.
/// </summary>
public sealed partial class PrintingPieceCertificates
{
    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task A_finished_pieces_certificate_names_its_makers_and_its_code_verifies_it(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        (await api.PostAsync("/api/v1/graphs", new { key = "wallet-line", name = "Wallet line" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        await api.OkAsync(HttpMethod.Put, "/api/v1/graphs/wallet-line/draft", new
        {
            nodes = new object[]
            {
                new { key = "start", type = "start" },
                new { key = "cut", type = "task", name = "Cut leather", capability = "cutting" },
                new { key = "inspect", type = "qc", name = "Final inspection", capability = "qc" },
                new { key = "end", type = "end" },
            },
            edges = new object[] { new { from = "start", to = "cut" }, new { from = "cut", to = "inspect" }, new { from = "inspect", to = "end", outcome = "pass" } },
        });
        (await api.PostAsync("/api/v1/graphs/wallet-line/publish")).StatusCode.ShouldBe(HttpStatusCode.Created);
        await api.OkAsync(HttpMethod.Post, "/api/v1/agents", new { key = "ana", name = "Ana Lopes", kind = "person", capabilities = new[] { new { name = "cutting" } } });
        await api.OkAsync(HttpMethod.Post, "/api/v1/agents", new { key = "ben", name = "Ben Okafor", kind = "person", capabilities = new[] { new { name = "qc" } } });
        await api.OkAsync(HttpMethod.Post, "/api/v1/products", new { key = "wallet", name = "Bifold wallet", routing = "wallet-line" });
        var aj = await api.OkAsync(HttpMethod.Post, "/api/v1/atelier-jobs", new { product = "wallet", quantity = 2, customer = "Clara Ruiz" });
        var id = aj["id"]!.GetValue<long>();
        var job = (await api.OkAsync(HttpMethod.Post, $"/api/v1/atelier-jobs/{id}/release"))["jobId"]!.GetValue<long>();
        var ana = await api.AsAsync("ana");
        var ben = await api.AsAsync("ben");

        // Piece 1 is cut, fails QC and is remade; the remake passes. Piece 2 stays unfinished.
        var first = await ReadyItemAsync(api, job, "cut", serialOfFirst: true);
        await DoAsync(ana, first, null);
        await DoAsync(ben, await ReadyItemAsync(api, job, "inspect"), "fail", note: "Scratch on the flap");
        await DoAsync(ana, await ReadyItemAsync(api, job, "cut", serialOfFirst: true), null);
        await DoAsync(ben, await ReadyItemAsync(api, job, "inspect"), "pass");

        var pieces = (await api.OkAsync(HttpMethod.Get, $"/api/v1/atelier-jobs/{id}/pieces")).AsArray();
        pieces.Count.ShouldBe(2);
        var done = pieces.Single(p => p!["certified"]!.GetValue<bool>())!;
        done["generation"]!.GetValue<int>().ShouldBe(1);
        var serial = done["serial"]!.GetValue<string>();
        serial.ShouldBe($"{aj["number"]!.GetValue<string>()}-{done["unit"]!.GetValue<int>():D3}");

        var response = await api.GetAsync($"/api/v1/atelier-jobs/{id}/pieces/{done["unit"]!.GetValue<int>()}/certificate");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var text = TextOf(await response.Content.ReadAsByteArrayAsync());
        text.ShouldContain(serial);
        text.ShouldContain("Ana Lopes");
        text.ShouldContain("Ben Okafor");
        text.ShouldContain("Bifold wallet");
        text.ShouldContain("Scratch on the flap");
        var code = CodePattern().Match(text);
        code.Success.ShouldBeTrue("the certificate prints a verification code");

        var check = await api.OkAsync(HttpMethod.Post, "/api/v1/certificates/verify", new { serial, code = code.Value.ToLowerInvariant() });
        check["valid"]!.GetValue<bool>().ShouldBeTrue();
        check["product"]!.GetValue<string>().ShouldBe("Bifold wallet");
        var other = pieces.Single(p => !p!["certified"]!.GetValue<bool>())!["serial"]!.GetValue<string>();
        (await api.OkAsync(HttpMethod.Post, "/api/v1/certificates/verify", new { serial = other, code = code.Value }))["valid"]!.GetValue<bool>().ShouldBeFalse();
        var wrong = code.Value[..^1] + (code.Value[^1] == '0' ? '1' : '0');
        (await api.OkAsync(HttpMethod.Post, "/api/v1/certificates/verify", new { serial, code = wrong }))["valid"]!.GetValue<bool>().ShouldBeFalse();
        await (await api.PostAsync("/api/v1/certificates/verify", new { serial = "not a serial", code = code.Value }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        var unfinished = pieces.Single(p => !p!["certified"]!.GetValue<bool>())!["unit"]!.GetValue<int>();
        await (await api.GetAsync($"/api/v1/atelier-jobs/{id}/pieces/{unfinished}/certificate")).ShouldBeProblemAsync(HttpStatusCode.Conflict, "piece_not_finished");
        await (await api.GetAsync($"/api/v1/atelier-jobs/{id}/pieces/99/certificate")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "piece_not_found");
    }

    private static string TextOf(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join("\n", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }

    /// <summary>The ready item at <paramref name="node"/>; for "cut", the first piece's (serial 1, in any generation).</summary>
    private static async Task<long> ReadyItemAsync(WeftApi api, long job, string node, bool serialOfFirst = false)
    {
        var items = (await api.OkAsync(HttpMethod.Get, $"/api/v1/work-items?job={job}&node={node}&state=ready"))["items"]!.AsArray();
        if (!serialOfFirst) return items[0]!["id"]!.GetValue<long>();
        var tokens = (await api.OkAsync(HttpMethod.Get, $"/api/v1/jobs/{job}/tokens")).AsArray();
        var firstSerial = tokens.Where(t => t!["serial"]!.GetValue<int>() == 1).Select(t => t!["id"]!.GetValue<long>()).ToHashSet();
        return items.First(i => firstSerial.Contains(i!["tokenId"]!.GetValue<long>()))!["id"]!.GetValue<long>();
    }

    private static async Task DoAsync(WeftCaller agent, long item, string? outcome, string? note = null)
    {
        await agent.OkAsync(HttpMethod.Post, $"/api/v1/work-items/{item}/claim", new { });
        await agent.OkAsync(HttpMethod.Post, $"/api/v1/work-items/{item}/start", new { });
        await agent.OkAsync(HttpMethod.Post, $"/api/v1/work-items/{item}/complete", new { outcome, note });
    }

    [GeneratedRegex(@"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}")]
    private static partial Regex CodePattern();
}
