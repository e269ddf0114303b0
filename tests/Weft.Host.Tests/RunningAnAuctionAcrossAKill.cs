using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;
using Xunit.Abstractions;

namespace Weft.Host.Tests;

/// <summary>
/// A live auction runs on host A: four bids, the last one late enough to push the end back (and the engine's close timer
/// with it). A is killed with SIGKILL. Host B, on the same database, knows every accepted bid and closes the auction by
/// itself at the moved end, not before, with the right winner.
/// </summary>
public sealed class RunningAnAuctionAcrossAKill(ITestOutputHelper log)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);
    private static readonly Dictionary<string, string> Settings = new() { ["Weft__Automation__PollMilliseconds"] = "200" };

    [Theory]
    [MemberData(nameof(TestDatabases.Server), MemberType = typeof(TestDatabases))]
    public async Task An_auction_interrupted_by_a_kill_keeps_its_bids_and_closes_at_its_moved_end(string provider)
    {
        var output = new ConcurrentQueue<string>();
        await using var database = await TestDatabases.CreateAsync(provider);
        ChildHost? host = null;
        try
        {
            host = await ChildHost.StartAsync(database, output, settings: Settings);
            var adminKey = host.AdminKey;
            var buyerOrg = await OrganizationAsync(host, "buyer", "Lumen Cathodes");
            var andesOrg = await OrganizationAsync(host, "supplier", "Andes Brine");
            var puna = await OrganizationAsync(host, "supplier", "Puna Resources");
            await VerifyAsync(database, andesOrg, puna);
            var buyer = await MemberAsync(host, buyerOrg, "buyer_admin", "bea@kill.test");
            var andes = await MemberAsync(host, andesOrg, "sales", "sam@kill.test");
            var punaSales = await MemberAsync(host, puna, "sales", "sol@kill.test");

            var now = DateTime.UtcNow;
            var auction = await WeftCaller.OkAsync(buyer, HttpMethod.Post, "/api/v1/market/auctions", new
            {
                title = "Li2CO3, 100 t", kind = "reverse", format = "english", material = "lithium carbonate", quantity = 100, unit = "t", currency = "USD",
                startingPrice = 1000, stepAmount = 10, extendWithinSeconds = 10, extendBySeconds = 10, bidderView = "best_price",
                startsAt = now.AddSeconds(-1), endsAt = now.AddSeconds(25), participants = new[] { andesOrg, puna },
            });
            var id = auction["id"]!.GetValue<long>();
            var scheduledEnd = auction["endsAt"]!.GetValue<DateTime>();
            var bids = $"/api/v1/market/auctions/{id}/bids";
            await WeftCaller.OkAsync(andes, HttpMethod.Post, bids, new { price = 1000 });
            await WeftCaller.OkAsync(punaSales, HttpMethod.Post, bids, new { price = 990 });
            await WeftCaller.OkAsync(andes, HttpMethod.Post, bids, new { price = 980 });
            // Into the last ten seconds: the next bid moves the end by ten.
            var wait = scheduledEnd.AddSeconds(-7) - DateTime.UtcNow;
            if (wait > TimeSpan.Zero) await Task.Delay(wait);
            var sentAt = DateTime.UtcNow;
            var late = await WeftCaller.OkAsync(punaSales, HttpMethod.Post, bids, new { price = 970 });
            log.WriteLine($"Scheduled end {scheduledEnd:O} ({scheduledEnd.Kind}); late bid sent {sentAt:O}: {late.ToJsonString()}");
            late["extended"]!.GetValue<bool>().ShouldBeTrue();
            var movedEnd = late["endsAt"]!.GetValue<DateTime>();
            movedEnd.ShouldBe(scheduledEnd.AddSeconds(10), TimeSpan.FromMilliseconds(1));

            await host.KillAsync();
            log.WriteLine($"Killed A (pid {host.ProcessId}) with the auction live until {movedEnd:O}.");
            await host.DisposeAsync();
            host = null;

            host = await ChildHost.StartAsync(database, output, adminKey, Settings);
            var closed = await PollAsync("B closes the auction", async () =>
            {
                var seen = await WeftCaller.OkAsync(host.CreateClient(adminKey), HttpMethod.Get, $"/api/v1/market/auctions/{id}", null);
                return seen["status"]!.GetValue<string>() == "closed" ? seen : null;
            });
            closed["outcome"]!.GetValue<string>().ShouldBe("awarded");
            closed["winnerOrganization"]!.GetValue<long>().ShouldBe(puna);
            closed["clearingPrice"]!.GetValue<decimal>().ShouldBe(970m);
            closed["endsAt"]!.GetValue<DateTime>().ShouldBe(movedEnd, TimeSpan.FromMilliseconds(1));
            closed["closedAt"]!.GetValue<DateTime>().ShouldBeGreaterThanOrEqualTo(movedEnd);
            var history = (await WeftCaller.OkAsync(host.CreateClient(adminKey), HttpMethod.Get, bids, null)).AsArray();
            history.Select(b => b!["sequence"]!.GetValue<long>()).ShouldBe([1L, 2L, 3L, 4L]);
            history.Select(b => b!["price"]!.GetValue<decimal>()).ShouldBe([1000m, 990m, 980m, 970m]);
        }
        catch
        {
            foreach (var line in output) log.WriteLine(line);
            throw;
        }
        finally
        {
            if (host is not null) await host.DisposeAsync();
        }
    }

    private static async Task<long> OrganizationAsync(ChildHost host, string kind, string name) =>
        (await WeftCaller.OkAsync(host.Client, HttpMethod.Post, "/api/v1/market/organizations",
            new { key = $"{kind}-{Guid.NewGuid():N}"[..30], name, kind, country = "CL" }))["id"]!.GetValue<long>();

    /// <summary>Gives suppliers the verified badge in the database (what the operator's verification ends with).</summary>
    private static async Task VerifyAsync(TestDatabase database, params long[] organizations)
    {
        await using var connection = await RawConnections.OpenAsync(database, 1);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE market_organizations SET verified = (1 = 1) WHERE id IN ("
            + string.Join(",", organizations.Select(o => o.ToString(CultureInfo.InvariantCulture))) + ")";
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A user of the tenant made a member of the organization; a client that calls as them.</summary>
    private static async Task<HttpClient> MemberAsync(ChildHost host, long organization, string role, string email)
    {
        await WeftCaller.OkAsync(host.Client, HttpMethod.Post, "/api/v1/users", new { email, name = email, role = "viewer", password = SecurityFixtures.Password });
        await WeftCaller.OkAsync(host.Client, HttpMethod.Post, $"/api/v1/market/organizations/{organization}/members", new { email, role });
        using var anonymous = host.CreateClient(null);
        var token = (await WeftCaller.OkAsync(anonymous, HttpMethod.Post, "/api/v1/auth/token", new { email, password = SecurityFixtures.Password }))["accessToken"]!
            .GetValue<string>();
        var client = host.CreateClient(null);
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    private static async Task<T> PollAsync<T>(string what, Func<Task<T?>> ask) where T : class
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Deadline)
        {
            if (await ask() is { } answer) return answer;
            await Task.Delay(200);
        }
        throw new Xunit.Sdk.XunitException($"Waited {Deadline.TotalMinutes} minutes in vain until {what}.");
    }
}
