using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Weft.Flow.Automation;
using Weft.Testing;

namespace Weft.Host.Tests.Infrastructure;

/// <summary>RFQs for tests: written by a buyer, quoted by suppliers, and the RFQ flow's timers and steps run when the test says.</summary>
public sealed class RfqDesk(Marketplace market)
{
    public static readonly DateTime Deadline = new(2026, 11, 9, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>Two lines: 500 t of battery-grade lithium carbonate and 200 t of lithium hydroxide, to Hamburg, CIF, closing at <see cref="Deadline"/>.</summary>
    public static object Request(IEnumerable<long> suppliers, bool openToVerified = false, DateTime? closesAt = null) => new
    {
        title = "Battery-grade lithium, H1 2027",
        lines = new object[]
        {
            new { material = "lithium-carbonate", grade = "Battery grade", specification = "Li2CO3 ≥ 99.5 %, Na ≤ 250 ppm, D50 3-6 µm", quantity = 500, unit = "t" },
            new { material = "lithium-hydroxide", grade = "Battery grade LiOH·H2O", specification = "LiOH ≥ 56.5 %", quantity = 200, unit = "t" },
        },
        deliveryFrom = "2027-01-01T00:00:00Z", deliveryTo = "2027-06-30T00:00:00Z", destination = "DEHAM", incoterm = "CIF",
        paymentTerms = "30 days after bill of lading", attachments = new[] { new { name = "Specification sheet", url = "https://lumen.example/spec.pdf" } },
        closesAt = (closesAt ?? Deadline).ToString("O"), openToVerified, suppliers = suppliers.ToArray(),
    };

    public static object Quote(string currency, string incoterm, string origin, params (int Line, decimal Price, decimal Quantity)[] lines) => new
    {
        currency, incoterm, origin, validUntil = "2027-02-28T00:00:00Z", leadTimeDays = 45, notes = "Shipped in 1 t jumbo bags.",
        lines = lines.Select(l => new { line = l.Line, price = l.Price, quantity = l.Quantity, deviations = (string?)null }).ToArray(),
    };

    public async Task<long> CreateAsync(Marketplace.Member buyer, IEnumerable<long> suppliers, bool openToVerified = false, DateTime? closesAt = null)
    {
        var rfq = await buyer.Caller.OkAsync(HttpMethod.Post, "/api/v1/market/rfqs", Request(suppliers, openToVerified, closesAt));
        return rfq["id"]!.GetValue<long>();
    }

    public async Task<long> QuoteAsync(Marketplace.Member supplier, long rfq, object quote) =>
        (await supplier.Caller.OkAsync(HttpMethod.Put, $"/api/v1/market/rfqs/{rfq}/quote", quote))["id"]!.GetValue<long>();

    /// <summary>
    /// Moves the clock to <paramref name="at"/> and runs the engine's due timers and the RFQ agent's steps until nothing is
    /// left; <paramref name="people"/> sign in again (their access tokens expired meanwhile).
    /// </summary>
    public async Task PassAsync(DateTime at, params Marketplace.Member[] people)
    {
        var api = market.Api;
        if (at > api.Clock.GetUtcNow().UtcDateTime) api.Clock.Advance(at - api.Clock.GetUtcNow().UtcDateTime);
        await SignInAgainAsync(people);
        var runner = api.Services.GetRequiredService<AutomationRunner>();
        for (var round = 0; round < 5; round++)
        {
            await api.Engine.Upkeep.RunDueTimersAsync();
            while (await runner.RunDueAsync(1) > 0)
            {
            }
        }
    }

    /// <summary>Signs <paramref name="people"/> in again on their callers, as a person does after their session expired.</summary>
    public async Task SignInAgainAsync(params Marketplace.Member[] people)
    {
        foreach (var person in people)
            person.Caller.Client.DefaultRequestHeaders.Authorization = new("Bearer", await market.Api.TokenAsync(person.Email, SecurityFixtures.Password));
    }

    public static async Task<(int Status, string? Code)> ProblemAsync(WeftCaller caller, HttpMethod method, string url, object? body = null)
    {
        var answer = await SecurityFixtures.ReadAsync(await caller.SendAsync(method, url, body));
        return (answer.Status, answer.Code);
    }

    public static IEnumerable<JsonNode> Items(JsonNode page) => page["items"]!.AsArray().Select(i => i!);
}
