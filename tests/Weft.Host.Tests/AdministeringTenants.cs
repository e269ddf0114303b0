using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Weft.Identity;
using Weft.Identity.Bootstrap;
using Weft.Identity.Persistence;
using Weft.Identity.Tenants;
using Weft.Identity.Users;
using Weft.Host;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;
using static Weft.Host.Tests.Infrastructure.SignInKit;

namespace Weft.Host.Tests;

/// <summary>
/// How an installation gets its tenants and first people: the command line next to the host, the
/// first start, and demo mode.
/// </summary>
public sealed class AdministeringTenants
{
    private static readonly string[] DemoJobs = ["BAG-1001", "BAG-1002", "BAG-1003", "MO-00001", "AJ-00003", "MO-00006", "MO-00007"];

    private const string DemoPassword = "some-demo-pass-1";

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_command_line_creates_a_tenant_whose_admin_signs_in_to_an_empty_tenant(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        await PublishAsync(new WeftCaller(api.Client), "g1", Fixtures.OneTask());
        string[] config = Config(api.Database);

        var code = await WeftHost.RunCommandAsync(
            ["tenants", "create", "--key", "acme", "--name", "Acme Ltd", "--admin-email", "a@acme.test", "--admin-password", "acme-password-1", .. config]);
        code.ShouldBe(0);

        // A host on that database (another process, as in production) lets the new admin in.
        await using var host = await WeftApi.AttachAsync(api.Database, api.Clock);
        var acme = await host.AsUserAsync("a@acme.test", "acme-password-1");
        var me = await acme.OkAsync(HttpMethod.Get, "/api/v1/auth/me");
        me["tenantKey"]!.GetValue<string>().ShouldBe("acme");
        me["role"]!.GetValue<string>().ShouldBe("admin");
        (await acme.OkAsync(HttpMethod.Get, "/api/v1/graphs"))["items"]!.AsArray().ShouldBeEmpty();
        (await acme.OkAsync(HttpMethod.Get, "/api/v1/jobs"))["items"]!.AsArray().ShouldBeEmpty();
        (await acme.OkAsync(HttpMethod.Get, "/api/v1/users"))["items"]!.AsArray().Select(u => u!["email"]!.GetValue<string>()).ShouldBe(["a@acme.test"]);
        var audit = (await acme.OkAsync(HttpMethod.Get, "/api/v1/audit"))["items"]!.AsArray().Select(e => e!).ToList();
        audit.ShouldContain(e => e.Type() == "tenant_created" && e.Actor() == "cli");
        audit.ShouldContain(e => e.Type() == "user_created" && e.Actor() == "cli");
        (await acme.SendAsync(HttpMethod.Get, "/api/v1/graphs/g1")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // The first tenant is untouched.
        (await api.OkAsync(HttpMethod.Get, "/api/v1/graphs"))["items"]!.AsArray().Count.ShouldBe(1);

        // More admins for an existing tenant.
        (await WeftHost.RunCommandAsync(["admins", "create", "--tenant", "acme", "--email", "c@acme.test", "--password", "acme-password-3", .. config]))
            .ShouldBe(0);
        (await (await host.AsUserAsync("c@acme.test", "acme-password-3")).OkAsync(HttpMethod.Get, "/api/v1/auth/me"))["tenantKey"]!
            .GetValue<string>().ShouldBe("acme");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_command_line_refuses_what_it_cannot_do_with_exit_code_2_and_makes_nothing(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        string[] config = Config(api.Database);
        (await WeftHost.RunCommandAsync(
            ["tenants", "create", "--key", "acme", "--admin-email", "a@acme.test", "--admin-password", "acme-password-1", .. config])).ShouldBe(0);
        var tenantDirectory = api.Services.GetRequiredService<TenantDirectory>();
        var createUser = api.Services.GetRequiredService<CreateUser>();
        var tenants = await tenantDirectory.TenantIdsAsync();

        // A key already taken.
        (await WeftHost.RunCommandAsync(
            ["tenants", "create", "--key", "acme", "--admin-email", "b@acme.test", "--admin-password", "acme-password-2", .. config])).ShouldBe(2);
        // An admin who cannot be made: the tenant is not made either.
        (await WeftHost.RunCommandAsync(
            ["tenants", "create", "--key", "beta", "--admin-email", "a@acme.test", "--admin-password", "beta-password-1", .. config])).ShouldBe(2);
        (await WeftHost.RunCommandAsync(
            ["tenants", "create", "--key", "gamma", "--admin-email", "g@gamma.test", "--admin-password", "short", .. config])).ShouldBe(2);
        (await WeftHost.RunCommandAsync(
            ["tenants", "create", "--key", "delta", "--admin-email", "not-an-email", "--admin-password", "delta-password-1", .. config])).ShouldBe(2);
        // Missing or unknown names.
        (await WeftHost.RunCommandAsync(["tenants", "create", "--admin-email", "e@e.test", .. config])).ShouldBe(2);
        (await WeftHost.RunCommandAsync(["admins", "create", "--tenant", "nowhere", "--email", "n@nowhere.test", "--password", "nowhere-password-1", .. config]))
            .ShouldBe(2);

        (await tenantDirectory.TenantIdsAsync()).ShouldBe(tenants);
        (await tenantDirectory.FindAsync("beta")).ShouldBeNull();
        foreach (var (email, password) in new[] { ("b@acme.test", "acme-password-2"), ("g@gamma.test", "short"), ("n@nowhere.test", "nowhere-password-1") })
            (await api.SignInAsync(email, password)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        // The key is free again for a correct attempt.
        (await WeftHost.RunCommandAsync(
            ["tenants", "create", "--key", "beta", "--admin-email", "b@beta.test", "--admin-password", "beta-password-1", .. config])).ShouldBe(0);
        await api.TokenAsync("b@beta.test", "beta-password-1");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Demo_mode_seeds_a_demo_tenant_with_one_person_per_role(string provider)
    {
        var settings = new Dictionary<string, string?> { ["Weft:Demo:Enabled"] = "true", ["Weft:Demo:Password"] = DemoPassword };
        await using var host = await SignInHost.StartAsync(provider, settings, testAdmin: false);

        (string Email, string Role, string? Agent)[] people =
        [
            ("admin@weft.demo", "admin", null),
            ("manager@weft.demo", "manager", null),
            ("operator@weft.demo", "operator", "alice"),
            ("viewer@weft.demo", "viewer", null),
        ];
        foreach (var (email, role, agent) in people)
        {
            using var client = host.CreateClient("Bearer " + await host.TokenAsync(email, DemoPassword));
            var me = await (await client.GetAsync("/api/v1/auth/me")).ShouldBeOkAsync(HttpStatusCode.OK);
            me["tenantKey"]!.GetValue<string>().ShouldBe("demo");
            me["role"]!.GetValue<string>().ShouldBe(role);
            (me["agent"]?.GetValue<string>()).ShouldBe(agent);
            var graph = await (await client.GetAsync("/api/v1/graphs/atelier-bag")).ShouldBeOkAsync(HttpStatusCode.OK);
            graph["latestVersion"]!.GetValue<int>().ShouldBe(1);
            // The engine's demo atelier starts three jobs; the production demo releases three manufacturing orders (one made, one late) and an atelier job.
            var jobs = (await (await client.GetAsync("/api/v1/jobs?limit=200")).ShouldBeOkAsync(HttpStatusCode.OK))["items"]!.AsArray();
            var references = jobs.Select(j => j!["reference"]!.GetValue<string>()).ToList();
            foreach (var job in DemoJobs) references.ShouldContain(job);
            // Last week (five working days before the clock's Monday): a strap order and a wallet job each day, made then
            // but for what the last afternoon left; their work happened on those days, measured.
            var lastWeek = jobs.Where(j => !DemoJobs.Contains(j!["reference"]!.GetValue<string>())
                && !j["graph"]!.GetValue<string>().StartsWith("commerce-", StringComparison.Ordinal)
                && !j["graph"]!.GetValue<string>().StartsWith("support-", StringComparison.Ordinal)
                && !j["graph"]!.GetValue<string>().StartsWith("market-", StringComparison.Ordinal)).ToList();
            // The market demo: the five unverified suppliers' applications wait for the staff's checks; each verified supplier's certificates are watched.
            jobs.Count(j => j!["graph"]!.GetValue<string>() == "market-supplier-verification").ShouldBe(5);
            jobs.Count(j => j!["graph"]!.GetValue<string>() == "market-certificate-watch").ShouldBe(25);
            // The support demo's three waiting conversations each run a turn.
            jobs.Count(j => j!["graph"]!.GetValue<string>() == "support-conversation").ShouldBe(3);
            lastWeek.Count.ShouldBe(10);
            lastWeek.ShouldAllBe(j => j!["createdAt"]!.GetValue<DateTime>() < host.Clock.GetUtcNow().UtcDateTime.Date
                && j["createdAt"]!.GetValue<DateTime>() > host.Clock.GetUtcNow().UtcDateTime.AddDays(-8));
            lastWeek.Count(j => j!["state"]!.GetValue<string>() == "completed").ShouldBeGreaterThanOrEqualTo(8);
        }
        // The merchant: 200 products, a notice due today waiting to be received, and the planner's suggestions on the board.
        using (var manager = host.CreateClient("Bearer " + await host.TokenAsync("manager@weft.demo", DemoPassword)))
        {
            var catalog = await (await manager.GetAsync("/api/v1/commerce/products.csv")).Content.ReadAsStringAsync();
            catalog.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(201);
            var notice = (await (await manager.GetAsync("/api/v1/commerce/asns")).ShouldBeOkAsync(HttpStatusCode.OK))["items"]!.AsArray().ShouldHaveSingleItem()!;
            (notice["step"]!.GetValue<string>(), notice["expectedAt"]!.GetValue<DateTime>().Date).ShouldBe(("receive", host.Clock.GetUtcNow().UtcDateTime.Date));
            var board = (await (await manager.GetAsync("/api/v1/commerce/replenishment/suggestions?limit=200")).ShouldBeOkAsync(HttpStatusCode.OK))["items"]!.AsArray();
            board.Count.ShouldBeGreaterThan(5);
            board[0]!["position"]!.GetValue<decimal>().ShouldBeLessThan(board[0]!["reorderLevel"]!.GetValue<decimal>());
            var supplier = await (await manager.GetAsync("/api/v1/commerce/suppliers/andes-roasters")).ShouldBeOkAsync(HttpStatusCode.OK);
            supplier["leadTime"]!["receipts"]!.GetValue<int>().ShouldBe(6);
        }
        // The buyer's auctions: one finished and awarded with the three demo sales people's bids, one opening in five minutes.
        using (var buyer = host.CreateClient("Bearer " + await host.TokenAsync("buyer@weft.demo", DemoPassword)))
        {
            var auctions = (await (await buyer.GetAsync("/api/v1/market/auctions")).ShouldBeOkAsync(HttpStatusCode.OK)).AsArray();
            auctions.Select(a => a!["status"]!.GetValue<string>()).Order(StringComparer.Ordinal).ShouldBe(["closed", "scheduled"]);
            var finished = auctions.Single(a => a!["status"]!.GetValue<string>() == "closed")!;
            finished["outcome"]!.GetValue<string>().ShouldBe("awarded");
            var bids = (await (await buyer.GetAsync($"/api/v1/market/auctions/{finished["id"]}/bids")).ShouldBeOkAsync(HttpStatusCode.OK)).AsArray();
            bids.Select(b => b!["bidderName"]!.GetValue<string>()).Distinct().Count().ShouldBe(3);
            var scheduled = auctions.Single(a => a!["status"]!.GetValue<string>() == "scheduled")!;
            scheduled["startsAt"]!.GetValue<DateTime>().ShouldBe(host.Clock.GetUtcNow().UtcDateTime.AddMinutes(5), TimeSpan.FromMinutes(5));

            // The auction's win is a deal awaiting delivery; past deals were delivered and reviewed, and every rating is what its reviews say.
            var deals = (await (await buyer.GetAsync("/api/v1/market/deals")).ShouldBeOkAsync(HttpStatusCode.OK))["items"]!.AsArray();
            deals.ShouldContain(d => d!["source"]!.GetValue<string>() == "auction" && d["sourceId"]!.GetValue<long>() == finished["id"]!.GetValue<long>()
                && d["state"]!.GetValue<string>() == "awarded");
            deals.ShouldContain(d => d!["state"]!.GetValue<string>() == "delivered");
            var rated = (await (await buyer.GetAsync("/api/v1/market/suppliers?sort=rating&limit=100")).ShouldBeOkAsync(HttpStatusCode.OK))["items"]!.AsArray()
                .Where(s => s!["ratingCount"]!.GetValue<int>() > 0).ToList();
            rated.Count.ShouldBeGreaterThan(10);
            foreach (var supplier in rated.Take(3))
            {
                var reviews = await (await buyer.GetAsync($"/api/v1/market/organizations/{supplier!["id"]}/reviews?limit=100")).ShouldBeOkAsync(HttpStatusCode.OK);
                reviews["reviews"]!.AsArray().Count.ShouldBe(supplier["ratingCount"]!.GetValue<int>());
                reviews["average"]!.GetValue<double>().ShouldBe(reviews["reviews"]!.AsArray().Average(r => r!["score"]!.GetValue<double>()), 0.01);
            }
            // The buyer's thread with Atacama about the carbonate RFQ, with a video meeting Atacama proposed on the demo's video service.
            var thread = (await (await buyer.GetAsync("/api/v1/market/threads")).ShouldBeOkAsync(HttpStatusCode.OK)).AsArray().Single()!;
            thread["counterpartName"]!.GetValue<string>().ShouldBe("Atacama Lithium SpA");
            var detail = await (await buyer.GetAsync($"/api/v1/market/threads/{thread["id"]}")).ShouldBeOkAsync(HttpStatusCode.OK);
            detail["messages"]!.AsArray().Count.ShouldBe(4);
            detail["meetings"]!.AsArray().Single()!["link"]!.GetValue<string>().ShouldStartWith("https://meet.jit.si/weft-demo-");
        }
        // Only the configured password; and no other tenant or admin was made.
        (await host.SignInAsync("admin@weft.demo", IdentityBootstrap.DefaultDemoPassword)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var tenantDirectory = host.Services.GetRequiredService<TenantDirectory>();
        (await tenantDirectory.TenantIdsAsync()).Count.ShouldBe(1);

        // Starting again seeds nothing twice.
        await using (var again = SignInHost.Attach(host.Database, host.Clock, settings, testAdmin: false))
        {
            using var admin = again.CreateClient("Bearer " + await again.TokenAsync("admin@weft.demo", DemoPassword));
            // One person per role, and the market demo's buyer and three sales people.
            (await (await admin.GetAsync("/api/v1/users")).ShouldBeOkAsync())["items"]!.AsArray().Count.ShouldBe(8);
            // The engine's and production's three graphs, commerce's inbound and replenishment flows (a notice, tomorrow's planning
            // run), support's conversation flow (the demo's waiting conversations), and the market's verification, certificate watch,
            // RFQ and auction flows.
            (await (await admin.GetAsync("/api/v1/graphs")).ShouldBeOkAsync())["items"]!.AsArray().Count.ShouldBe(10);
            (await (await admin.GetAsync("/api/v1/jobs?limit=200")).ShouldBeOkAsync())["items"]!.AsArray().Count.ShouldBe(DemoJobs.Length + 10 + 2 + 3 + 5 + 25 + 3 + 1,
                "a restart seeds nothing again (support: one turn for each of the 3 conversations; market: 5 applications, 25 certificate watches, 3 RFQs, the scheduled auction)");
            (await (await admin.GetAsync("/api/v1/commerce/products.csv")).Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(201);
            (await (await admin.GetAsync("/api/v1/products")).ShouldBeOkAsync())["items"]!.AsArray().Count.ShouldBe(3);
        }
        (await tenantDirectory.TenantIdsAsync()).Count.ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_first_start_without_a_password_generates_one_readable_only_by_the_owner(string provider)
    {
        var folder = Path.Combine(Path.GetTempPath(), "weft-signin-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var host = await SignInHost.StartAsync(provider, new Dictionary<string, string?> { ["Weft:DataPath"] = folder }, testAdmin: false);
            var file = Path.Combine(folder, "initial-admin-password.txt");
            var password = (await File.ReadAllTextAsync(file)).Trim();
            password.Length.ShouldBeGreaterThanOrEqualTo(20);
            if (!OperatingSystem.IsWindows()) File.GetUnixFileMode(file).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);

            using var admin = host.CreateClient("Bearer " + await host.TokenAsync("admin@localhost", password));
            var me = await (await admin.GetAsync("/api/v1/auth/me")).ShouldBeOkAsync(HttpStatusCode.OK);
            me["tenantKey"]!.GetValue<string>().ShouldBe("default");
            me["role"]!.GetValue<string>().ShouldBe("admin");
            // The password is nowhere in the audit trail.
            (await (await admin.GetAsync("/api/v1/audit")).Content.ReadAsStringAsync()).ShouldNotContain(password);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    private static string[] Config(TestDatabase database) =>
    [
        $"--Weft:Database:Provider={database.Provider}",
        $"--ConnectionStrings:Weft={database.ConnectionString}",
        "--Weft:Demo:Enabled=false",
    ];
}
