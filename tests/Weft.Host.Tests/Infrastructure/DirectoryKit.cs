using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Weft.Flow.Automation;
using Weft.Testing;

namespace Weft.Host.Tests.Infrastructure;

/// <summary>What directory and verification tests do to a supplier: products, certificates, documents, a rating, the automation run to rest.</summary>
internal static class DirectoryKit
{
    public static readonly byte[] PdfBytes = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");

    public static Task<JsonNode> ProductAsync(WeftCaller caller, long supplier, string material, string grade, decimal purity, int? capacity = null) =>
        caller.OkAsync(HttpMethod.Post, $"/api/v1/market/suppliers/{supplier}/products",
            new { material, grade, purity, moisturePercent = 0.2m, impurities = new Dictionary<string, decimal> { ["Na"] = 250, ["Fe"] = 10 }, annualCapacityTonnes = capacity });

    public static Task<JsonNode> CertificateAsync(WeftApi api, WeftCaller caller, long supplier, string kind, int expiresInDays, long? document = null)
    {
        var now = api.Clock.GetUtcNow().UtcDateTime;
        return caller.OkAsync(HttpMethod.Post, $"/api/v1/market/suppliers/{supplier}/certifications",
            new { kind, number = $"{kind}-{supplier}", issuer = "SGS", issuedOn = now.AddDays(-100), expiresOn = now.AddDays(expiresInDays), document });
    }

    public static async Task<HttpResponseMessage> UploadAsync(WeftCaller caller, long supplier, string name, string kind, byte[] bytes, bool isPublic = false)
    {
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return await caller.Client.PostAsync(
            $"/api/v1/market/suppliers/{supplier}/documents?name={Uri.EscapeDataString(name)}&kind={kind}&public={(isPublic ? "true" : "false")}", content);
    }

    public static async Task<long> DocumentAsync(WeftCaller caller, long supplier, string name = "registration.pdf", string kind = "registration", bool isPublic = false)
    {
        var response = await UploadAsync(caller, supplier, name, kind, PdfBytes, isPublic);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<long>();
    }

    /// <summary>Sets a supplier's rating as the reviews would.</summary>
    public static async Task RateAsync(this IServiceProvider services, long supplier, double average, int count)
    {
        var data = services.GetRequiredService<Weft.Market.MarketDb>();
        await data.ChangeAsync(1, Weft.Market.Visibility.MarketViewer.System, async db =>
        {
            var row = await db.Organizations.FirstAsync(o => o.Id == supplier);
            (row.RatingAverage, row.RatingCount) = (average, count);
            await db.SaveChangesAsync();
            return true;
        }, CancellationToken.None);
    }

    /// <summary>Fires due timers and runs automated work until none is due.</summary>
    public static async Task RunToRestAsync(WeftApi api)
    {
        await api.Engine.Upkeep.RunDueTimersAsync();
        var runner = api.Services.GetRequiredService<AutomationRunner>();
        while (await runner.RunDueAsync(1) > 0)
        {
        }
    }

    public static async Task<(int Status, string? Code, JsonNode? Body)> ProblemAsync(WeftCaller caller, HttpMethod method, string url, object? body = null)
    {
        var answer = await SecurityFixtures.ReadAsync(await caller.SendAsync(method, url, body));
        return (answer.Status, answer.Code, answer.Body.Length > 0 ? JsonNode.Parse(answer.Body) : null);
    }
}
