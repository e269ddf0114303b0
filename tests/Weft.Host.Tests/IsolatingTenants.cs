using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Weft.Flow.Persistence;
using Weft.Identity;
using Weft.Identity.Bootstrap;
using Weft.Identity.Persistence;
using Weft.Identity.Tenants;
using Weft.Identity.Users;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;
using static Weft.Host.Tests.Infrastructure.SecurityFixtures;

namespace Weft.Host.Tests;

/// <summary>
/// Two tenants on one database with the same graph keys, agent keys and job references, built
/// alike. Tenant two's admin (and tenant two's agent eve) aim every endpoint that takes an id at
/// tenant one's objects: each answers 404 with the code a missing object gets, and not one row of
/// tenant one changes. Lists and key-addressed routes show tenant two only its own. On PostgreSQL
/// the same holds with the application's tenant filter switched off: row-level security alone.
/// </summary>
public sealed class IsolatingTenants
{
    private const long MissingId = 987_654_321;

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Another_tenants_objects_are_not_found_and_nothing_of_theirs_changes(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var (one, two) = await BuildBothAsync(api);

        var before = await TenantSnapshotAsync(api.Services, one.Tenant);
        await ShouldNotReachAsync(api, one, two);
        await ShouldListOnlyOwnAsync(api, one, two);
        await ShouldListOnlyOwnAsync(api, two, one);
        await KeysShouldNameOwnObjectsAsync(api, one, two);
        await WritesByKeyShouldStayInTheTenantAsync(api, two);
        SecurityFixtures.ShouldBeUnchanged(before, await TenantSnapshotAsync(api.Services, one.Tenant), "Tenant one's data");

        // Tenant one's key, which tenant two tried to revoke, still works, and tenant one's objects are all there.
        using var client = api.CreateClient();
        (await SendAsync(client, one.ReaderAuthorization, "GET", $"/api/v1/jobs/{one.Job}", null)).Status.ShouldBe(200);
        var key = await OkAsync(client, one.AdminAuthorization, "GET", $"/api/v1/api-keys/{one.ReaderKeyId}");
        key["revokedAt"].ShouldBeNull();
        (await OkAsync(client, one.AdminAuthorization, "GET", $"/api/v1/users/{one.ViewerId}"))["name"]!.GetValue<string>().ShouldBe("Viewer of one");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Row_level_security_alone_keeps_tenants_apart_on_postgres(string provider)
    {
        var filterOff = new Dictionary<string, string?> { ["Weft:Database:ApplicationTenantFilter"] = "false" };
        if (provider != "postgres")
        {
            // SQLite has no second wall, so the host refuses to run there without the application's filter.
            await using var database = await TestDatabases.CreateAsync(provider);
            var refused = await Should.ThrowAsync<Exception>(() => WeftApi.AttachAsync(database, new ManualClock(), filterOff));
            Messages(refused).ShouldContain("only be switched off on PostgreSQL");
            return;
        }

        await using var api = await WeftApi.StartAsync(provider);
        var (one, two) = await BuildBothAsync(api);
        // Attaching signs in tenant one's admin and makes a key, so it comes before the snapshot.
        await using var rlsOnly = await WeftApi.AttachAsync(api.Database, api.Clock, filterOff);
        await FilterShouldBeOffAsync(api, rlsOnly, one, two);

        var before = await TenantSnapshotAsync(api.Services, one.Tenant);
        // Read through the host without the filter, tenant one's rows are exactly those the filtered host sees.
        (await TenantSnapshotAsync(rlsOnly.Services, one.Tenant)).ShouldBe(before);
        await RawWritesShouldNotCrossAsync(api, one, two);
        await ShouldNotReachAsync(rlsOnly, one, two);
        await ShouldListOnlyOwnAsync(rlsOnly, one, two);
        await ShouldListOnlyOwnAsync(rlsOnly, two, one);
        await KeysShouldNameOwnObjectsAsync(rlsOnly, one, two);
        await WritesByKeyShouldStayInTheTenantAsync(rlsOnly, two);
        SecurityFixtures.ShouldBeUnchanged(before, await TenantSnapshotAsync(api.Services, one.Tenant), "Tenant one's data");
    }

    // ---- Two tenants built alike -----------------------------------------------------------------

    /// <summary>What one tenant was given; ids are the tenant's own (identities are shared, so they differ between tenants).</summary>
    private sealed record TenantWorld(
        long Tenant, string Label, string Capability, int Quantity, string AdminAuthorization, string EveAuthorization,
        long Job, long Token, long ReadyItem, long HeldItem, long InboxEntry, long ViewerId, long AdminId,
        long ReaderKeyId, string ReaderAuthorization, long EveKeyId, long[] Jobs, long[] Items, long[] Inbox, long[] Users, long[] Keys);

    private static async Task<(TenantWorld One, TenantWorld Two)> BuildBothAsync(WeftApi api)
    {
        using var client = api.CreateClient();
        var adminOne = await OkAsync(client, "ApiKey " + api.AdminKey, "GET", "/api/v1/auth/me");
        adminOne["tenant"]!.GetValue<long>().ShouldBe(1);
        var adminOneId = (await OkAsync(client, "ApiKey " + api.AdminKey, "GET", "/api/v1/users"))["items"]!.AsArray()
            .Single(u => u!["email"]!.GetValue<string>() == WeftApi.AdminEmail)!["id"]!.GetValue<long>();
        var one = await BuildAsync(client, 1, "one", "cutting", 3, "ApiKey " + api.AdminKey, adminOneId);
        var (tenantTwo, adminTwoId, adminTwo) = await TenantAsync(api, "two", "admin@two.test");
        tenantTwo.ShouldNotBe(1);
        var two = await BuildAsync(client, tenantTwo, "two", "stitching", 2, adminTwo, adminTwoId);
        return (one, two);
    }

    /// <summary>
    /// Graph "bag" (one pool task needing <paramref name="capability"/>) published, graph "orphan"
    /// whose auto-assigned work nobody can do, a graph and an agent "only-{label}" no other tenant
    /// has, agent "eve" with an API key acting as her, a viewer,
    /// a read-only key, a job "REF-1" of <paramref name="quantity"/> on bag with one item started by
    /// eve, and a job "REF-1" on orphan that opened an inbox entry.
    /// </summary>
    private static async Task<TenantWorld> BuildAsync(HttpClient client, long tenant, string label, string capability, int quantity, string admin, long adminId)
    {
        async Task<JsonNode> Ok(string method, string url, object? body = null) => await OkAsync(client, admin, method, url, body);

        await Ok("POST", "/api/v1/graphs", new { key = "bag", name = $"Bag of {label}", draft = Fixtures.OneTask(capability) });
        await Ok("POST", "/api/v1/graphs/bag/publish");
        await Ok("POST", "/api/v1/graphs", new { key = "orphan", name = $"Orphan of {label}", draft = Fixtures.OneTask("nobody-can", "auto") });
        await Ok("POST", "/api/v1/graphs/orphan/publish");
        await Ok("POST", "/api/v1/graphs", new { key = $"only-{label}", name = $"Only of {label}", draft = Fixtures.OneTask(capability) });
        await Ok("POST", $"/api/v1/graphs/only-{label}/publish");
        await Ok("POST", "/api/v1/agents", new { key = $"only-{label}", name = $"Only of {label}", kind = "person", capabilities = new[] { new { name = capability, level = 1 } }, wipLimit = 10 });
        await Ok("POST", "/api/v1/agents", new { key = "eve", name = $"Eve of {label}", kind = "person", capabilities = new[] { new { name = capability, level = 1 } }, wipLimit = 10 });
        var viewer = (await Ok("POST", "/api/v1/users", new { email = $"viewer@{label}.test", name = $"Viewer of {label}", role = "viewer", password = Password }))["id"]!.GetValue<long>();
        var reader = await Ok("POST", "/api/v1/api-keys", new { name = "reader", scopes = new[] { "flow:read" } });
        var eve = await Ok("POST", "/api/v1/api-keys", new { name = "eve", scopes = new[] { "flow:write" }, agent = "eve" });
        var eveAuthorization = "ApiKey " + eve["key"]!.GetValue<string>();

        var job = (await Ok("POST", "/api/v1/jobs", new { graph = "bag", quantity, reference = "REF-1" }))["id"]!.GetValue<long>();
        var token = (await Ok("GET", $"/api/v1/jobs/{job}/tokens")).AsArray()[0]!["id"]!.GetValue<long>();
        var items = (await Ok("GET", $"/api/v1/work-items?job={job}"))["items"]!.AsArray().Select(i => i!["id"]!.GetValue<long>()).ToList();
        items.Count.ShouldBe(quantity);
        await OkAsync(client, eveAuthorization, "POST", $"/api/v1/work-items/{items[0]}/claim", new { });
        await OkAsync(client, eveAuthorization, "POST", $"/api/v1/work-items/{items[0]}/start", new { });
        var orphanJob = (await Ok("POST", "/api/v1/jobs", new { graph = "orphan", quantity = 1, reference = "REF-1" }))["id"]!.GetValue<long>();
        var orphanItem = (await Ok("GET", $"/api/v1/work-items?job={orphanJob}"))["items"]!.AsArray().Single()!["id"]!.GetValue<long>();
        var inbox = (await Ok("GET", "/api/v1/inbox"))["items"]!.AsArray().Single(e => e!["jobId"]?.GetValue<long>() == orphanJob)!["id"]!.GetValue<long>();

        return new TenantWorld(tenant, label, capability, quantity, admin, eveAuthorization, job, token, items[1], items[0], inbox, viewer, adminId,
            reader["apiKey"]!["id"]!.GetValue<long>(), "ApiKey " + reader["key"]!.GetValue<string>(), eve["apiKey"]!["id"]!.GetValue<long>(),
            [job, orphanJob], [.. items, orphanItem], [inbox], [adminId, viewer],
            [reader["apiKey"]!["id"]!.GetValue<long>(), eve["apiKey"]!["id"]!.GetValue<long>()]);
    }

    // ---- Another tenant's objects ---------------------------------------------------------------

    /// <summary>
    /// One request aimed at tenant one's object (<see cref="Theirs"/>: an id, or a key only tenant one
    /// has), sent again at an object nobody has (<see cref="Missing"/>) to learn what "not found" says.
    /// </summary>
    private sealed record Attempt(string What, string Method, string Route, Func<string, object?> Body, string Theirs, string Missing, bool AsAgent = false)
    {
        public static Attempt ById(string what, string method, string route, Func<string, object?> body, long theirs, bool asAgent = false) =>
            new(what, method, route, body, theirs.ToString(), MissingId.ToString(), asAgent);

        public static Attempt ByKey(string what, string method, string route, Func<string, object?> body, string theirs, bool asAgent = false) =>
            new(what, method, route, body, theirs, "no-such-key", asAgent);
    }

    /// <summary>
    /// Tenant two, as its admin or as its agent eve, aims every endpoint that takes an id at tenant
    /// one's objects, and every endpoint that takes a key (in the route or the body) at keys only
    /// tenant one has. Each answer is exactly what the same request gets for an object nobody has:
    /// 404 (or 422 where a body names a missing agent) with the same code.
    /// </summary>
    private static async Task ShouldNotReachAsync(WeftApi host, TenantWorld one, TenantWorld two)
    {
        static object? None(string _) => null;
        static object Empty(string _) => new { };
        var draft = Fixtures.OneTask();
        var theirOnly = $"only-{one.Label}";
        Attempt[] attempts =
        [
            Attempt.ById("their job", "GET", "/api/v1/jobs/{0}", None, one.Job),
            Attempt.ById("their job's tokens", "GET", "/api/v1/jobs/{0}/tokens", None, one.Job),
            Attempt.ById("their job's events", "GET", "/api/v1/jobs/{0}/events", None, one.Job),
            Attempt.ById("their inbox job", "GET", "/api/v1/jobs/{0}", None, one.Jobs[1]),
            Attempt.ById("their ready item", "GET", "/api/v1/work-items/{0}", None, one.ReadyItem),
            Attempt.ById("their held item", "GET", "/api/v1/work-items/{0}", None, one.HeldItem),
            Attempt.ById("their viewer", "GET", "/api/v1/users/{0}", None, one.ViewerId),
            Attempt.ById("their admin", "GET", "/api/v1/users/{0}", None, one.AdminId),
            Attempt.ById("their key", "GET", "/api/v1/api-keys/{0}", None, one.ReaderKeyId),
            Attempt.ById("cancel their token", "POST", "/api/v1/tokens/{0}/cancel", _ => new { reason = "permanent" }, one.Token),
            Attempt.ById("cancel their token for rework", "POST", "/api/v1/tokens/{0}/cancel", _ => new { reason = "qc_fail", restartAt = "work" }, one.Token),
            Attempt.ById("cancel their token in a batch", "POST", "/api/v1/tokens/cancel", id => new { tokens = new[] { long.Parse(id) }, reason = "permanent" }, one.Token),
            Attempt.ById("cancel their token with one of ours", "POST", "/api/v1/tokens/cancel", id => new { tokens = new[] { long.Parse(id), two.Token }, reason = "permanent" }, one.Token),
            Attempt.ById("claim their ready item", "POST", "/api/v1/work-items/{0}/claim", Empty, one.ReadyItem, asAgent: true),
            Attempt.ById("claim their held item", "POST", "/api/v1/work-items/{0}/claim", Empty, one.HeldItem, asAgent: true),
            Attempt.ById("start their item", "POST", "/api/v1/work-items/{0}/start", Empty, one.HeldItem, asAgent: true),
            Attempt.ById("pause their item", "POST", "/api/v1/work-items/{0}/pause", _ => new { reason = "mine now" }, one.HeldItem, asAgent: true),
            Attempt.ById("resume their item", "POST", "/api/v1/work-items/{0}/resume", Empty, one.HeldItem, asAgent: true),
            Attempt.ById("complete their item", "POST", "/api/v1/work-items/{0}/complete", _ => new { data = new { x = 1 } }, one.HeldItem, asAgent: true),
            Attempt.ById("hand off their item", "POST", "/api/v1/work-items/{0}/handoff", _ => new { to = "eve", note = "n" }, one.HeldItem, asAgent: true),
            Attempt.ById("requeue their item", "POST", "/api/v1/work-items/{0}/requeue", Empty, one.HeldItem, asAgent: true),
            Attempt.ById("requeue their ready item", "POST", "/api/v1/work-items/{0}/requeue", Empty, one.ReadyItem, asAgent: true),
            Attempt.ById("dismiss their inbox entry", "POST", "/api/v1/inbox/{0}/resolve", _ => new { action = "dismiss" }, one.InboxEntry),
            Attempt.ById("requeue from their inbox", "POST", "/api/v1/inbox/{0}/resolve", _ => new { action = "requeue" }, one.InboxEntry),
            Attempt.ById("assign from their inbox", "POST", "/api/v1/inbox/{0}/resolve", _ => new { action = "assign", agent = "eve" }, one.InboxEntry),
            Attempt.ById("rename and promote their viewer", "PATCH", "/api/v1/users/{0}", _ => new { name = "Taken over", role = "admin" }, one.ViewerId),
            Attempt.ById("disable their admin", "PATCH", "/api/v1/users/{0}", _ => new { disabled = true }, one.AdminId),
            Attempt.ById("reset their admin's password", "PATCH", "/api/v1/users/{0}", _ => new { password = "taken-over-password" }, one.AdminId),
            Attempt.ById("revoke their key", "DELETE", "/api/v1/api-keys/{0}", None, one.ReaderKeyId),
            Attempt.ById("revoke their agent's key", "DELETE", "/api/v1/api-keys/{0}", None, one.EveKeyId),

            Attempt.ByKey("their graph", "GET", "/api/v1/graphs/{0}", None, theirOnly),
            Attempt.ByKey("their graph's version", "GET", "/api/v1/graphs/{0}/versions/1", None, theirOnly),
            Attempt.ByKey("their graph's statistics", "GET", "/api/v1/graphs/{0}/versions/1/stats", None, theirOnly),
            Attempt.ByKey("save their draft", "PUT", "/api/v1/graphs/{0}/draft", _ => new { name = "Taken over", nodes = draft.Nodes, edges = draft.Edges }, theirOnly),
            Attempt.ByKey("validate their draft", "POST", "/api/v1/graphs/{0}/validate", None, theirOnly),
            Attempt.ByKey("publish their graph", "POST", "/api/v1/graphs/{0}/publish", None, theirOnly),
            Attempt.ByKey("start a job on their graph", "POST", "/api/v1/jobs", key => new { graph = key, quantity = 1, reference = "REF-1" }, theirOnly),
            Attempt.ByKey("their agent", "GET", "/api/v1/agents/{0}", None, theirOnly),
            Attempt.ByKey("their agent's queue", "GET", "/api/v1/agents/{0}/queue", None, theirOnly),
            Attempt.ByKey("change their agent", "PATCH", "/api/v1/agents/{0}", _ => new { name = "Taken over", status = "offline" }, theirOnly),
            Attempt.ByKey("hand our item to their agent", "POST", $"/api/v1/work-items/{two.HeldItem}/handoff", key => new { to = key }, theirOnly, asAgent: true),
            Attempt.ByKey("assign our inbox entry to their agent", "POST", $"/api/v1/inbox/{two.InboxEntry}/resolve", key => new { action = "assign", agent = key }, theirOnly),
            Attempt.ByKey("link a new user to their agent", "POST", "/api/v1/users",
                key => new { email = $"{key}@two.test", role = "operator", password = Password, agent = key }, theirOnly),
            Attempt.ByKey("link our viewer to their agent", "PATCH", $"/api/v1/users/{two.ViewerId}", key => new { agent = key }, theirOnly),
            Attempt.ByKey("link a new key to their agent", "POST", "/api/v1/api-keys", key => new { name = "mole", scopes = new[] { "flow:write" }, agent = key }, theirOnly),
        ];

        using var client = host.CreateClient();
        var failures = new List<string>();
        foreach (var a in attempts)
        {
            var caller = a.AsAgent ? two.EveAuthorization : two.AdminAuthorization;
            var theirs = await SendAsync(client, caller, a.Method, a.Route.Replace("{0}", a.Theirs, StringComparison.Ordinal), a.Body(a.Theirs));
            var missing = await SendAsync(client, caller, a.Method, a.Route.Replace("{0}", a.Missing, StringComparison.Ordinal), a.Body(a.Missing));
            if (missing.Status is not (404 or 422) || missing.Code is null || !missing.Code.EndsWith("not_found", StringComparison.Ordinal))
                failures.Add($"{a.What}: a missing object answered {missing}, not a 'not found' problem");
            else if (theirs.Status != missing.Status || !theirs.IsProblem || theirs.Code != missing.Code)
                failures.Add($"{a.What}: tenant one's object answered {theirs}; a missing one answers {missing.Status} {missing.Code}");
        }
        failures.ShouldBeEmpty(string.Join("\n", failures));

        // A key names its tenant: tenant one's key with tenant two's number in it is no key at all.
        var parts = one.ReaderAuthorization["ApiKey ".Length..].Split('.');
        var forged = $"ApiKey {parts[0]}.{two.Tenant}.{parts[2]}.{parts[3]}";
        var answer = await SendAsync(client, forged, "GET", "/api/v1/jobs", null);
        answer.Status.ShouldBe(401, answer.ToString());
        answer.Code.ShouldBe("invalid_credentials");
    }

    /// <summary>Every list <paramref name="me"/> can read holds its own objects and none of <paramref name="them"/>.</summary>
    private static async Task ShouldListOnlyOwnAsync(WeftApi host, TenantWorld me, TenantWorld them)
    {
        using var client = host.CreateClient();
        async Task<List<long>> Ids(string url) =>
            (await OkAsync(client, me.AdminAuthorization, "GET", url))["items"]!.AsArray().Select(i => i!["id"]!.GetValue<long>()).ToList();
        var because = $"as tenant {me.Label}";

        (await Ids("/api/v1/jobs?limit=500")).ShouldBe(me.Jobs, ignoreOrder: false, because);
        (await Ids("/api/v1/jobs?graph=bag&limit=500")).ShouldBe(new[] { me.Job }, ignoreOrder: false, because);
        (await Ids("/api/v1/work-items?limit=500")).ShouldBe(me.Items, ignoreOrder: false, because);
        (await Ids($"/api/v1/work-items?job={them.Job}")).ShouldBeEmpty(because);
        (await Ids("/api/v1/work-items?agent=eve")).ShouldBe(new[] { me.HeldItem }, ignoreOrder: false, because);
        (await Ids("/api/v1/inbox?limit=500")).ShouldBe(me.Inbox, ignoreOrder: false, because);
        (await Ids("/api/v1/users?limit=500")).ShouldBe(me.Users, ignoreOrder: true, because);
        var keys = await Ids("/api/v1/api-keys?limit=500");
        keys.Intersect(them.Keys).ShouldBeEmpty(because);
        me.Keys.ShouldBeSubsetOf(keys, because);
        // Tenant two's keys were all made here; tenant one also has the keys its test hosts made for themselves.
        if (me.Label == "two") keys.ShouldBe(me.Keys, ignoreOrder: true, because);

        var graphs = (await OkAsync(client, me.AdminAuthorization, "GET", "/api/v1/graphs"))["items"]!.AsArray();
        graphs.Select(g => g!["name"]!.GetValue<string>()).ShouldBe([$"Bag of {me.Label}", $"Orphan of {me.Label}", $"Only of {me.Label}"], ignoreOrder: true);
        var agents = (await OkAsync(client, me.AdminAuthorization, "GET", "/api/v1/agents"))["items"]!.AsArray();
        agents.Select(a => a!["name"]!.GetValue<string>()).ShouldBe([$"Only of {me.Label}", $"Eve of {me.Label}"], ignoreOrder: true);
        agents.Single(a => a!["key"]!.GetValue<string>() == "eve")!["load"]!.GetValue<int>().ShouldBe(1);

        // The audit trail: the tenant's own events, none of the other's.
        var mine = await Ids("/api/v1/audit?limit=500");
        var theirs = (await OkAsync(client, them.AdminAuthorization, "GET", "/api/v1/audit?limit=500"))["items"]!.AsArray()
            .Select(i => i!["id"]!.GetValue<long>()).ToList();
        mine.ShouldNotBeEmpty();
        mine.Intersect(theirs).ShouldBeEmpty(because);

        // Metrics count the tenant's own jobs and work.
        using var metrics = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        metrics.Headers.TryAddWithoutValidation("Authorization", me.AdminAuthorization);
        using var response = await client.SendAsync(metrics);
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(200, text);
        text.ShouldContain($"weft_jobs{{state=\"active\"}} {me.Jobs.Length}\n");
        text.ShouldContain($"weft_work_items{{state=\"ready\"}} {me.Items.Length - 1}\n");
        text.ShouldContain($"weft_work_items{{state=\"in_progress\"}} 1\n");
        text.ShouldContain($"weft_inbox_entries{{state=\"open\"}} {me.Inbox.Length}\n");
    }

    /// <summary>The same keys name each tenant's own graph, version, statistics and agent.</summary>
    private static async Task KeysShouldNameOwnObjectsAsync(WeftApi host, params TenantWorld[] tenants)
    {
        using var client = host.CreateClient();
        foreach (var t in tenants)
        {
            async Task<JsonNode> Get(string url) => await OkAsync(client, t.AdminAuthorization, "GET", url);
            (await Get("/api/v1/graphs/bag"))["name"]!.GetValue<string>().ShouldBe($"Bag of {t.Label}");
            (await Get("/api/v1/graphs/orphan"))["name"]!.GetValue<string>().ShouldBe($"Orphan of {t.Label}");
            var version = await Get("/api/v1/graphs/bag/versions/1");
            version["definition"]!["nodes"]!.AsArray().Single(n => n!["key"]!.GetValue<string>() == "work")!["capability"]!.GetValue<string>()
                .ShouldBe(t.Capability);
            (await Get($"/api/v1/work-items/{t.ReadyItem}"))["capability"]!.GetValue<string>().ShouldBe(t.Capability);
            var work = (await Get("/api/v1/graphs/bag/versions/1/stats"))["nodes"]!.AsArray().Single(n => n!["node"]!.GetValue<string>() == "work")!;
            work["waiting"]!.GetValue<int>().ShouldBe(t.Quantity - 1, $"tenant {t.Label}");
            work["inProgress"]!.GetValue<int>().ShouldBe(1, $"tenant {t.Label}");
            var eve = await Get("/api/v1/agents/eve");
            eve["name"]!.GetValue<string>().ShouldBe($"Eve of {t.Label}");
            eve["capabilities"]!.AsArray().Single()!["name"]!.GetValue<string>().ShouldBe(t.Capability);
            var queue = await Get("/api/v1/agents/eve/queue");
            queue["held"]!.AsArray().Select(i => i!["id"]!.GetValue<long>()).ShouldBe([t.HeldItem]);
            queue["available"]!.AsArray().Select(i => i!["id"]!.GetValue<long>())
                .ShouldBe(t.Items.Where(i => i != t.HeldItem && i != t.Items[^1]), ignoreOrder: true);
            (await OkAsync(client, t.EveAuthorization, "GET", "/api/v1/auth/me"))["tenant"]!.GetValue<long>().ShouldBe(t.Tenant);
        }
    }

    /// <summary>Tenant two edits, publishes, renames and creates by the keys both tenants use: only its own objects change.</summary>
    private static async Task WritesByKeyShouldStayInTheTenantAsync(WeftApi host, TenantWorld two)
    {
        using var client = host.CreateClient();
        var draft = Fixtures.OneTask(two.Capability);
        var saved = await OkAsync(client, two.AdminAuthorization, "PUT", "/api/v1/graphs/bag/draft",
            new { name = $"Bag of {two.Label}", nodes = draft.Nodes, edges = draft.Edges });
        saved["name"]!.GetValue<string>().ShouldBe($"Bag of {two.Label}");
        var published = await OkAsync(client, two.AdminAuthorization, "POST", "/api/v1/graphs/bag/publish");
        published["number"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(2);
        await OkAsync(client, two.AdminAuthorization, "PATCH", "/api/v1/agents/eve", new { wipLimit = 5 });
        (await SendAsync(client, two.AdminAuthorization, "POST", "/api/v1/graphs", new { key = "bag", name = "Again" })).Code.ShouldBe("graph_exists");
        (await SendAsync(client, two.AdminAuthorization, "POST", "/api/v1/agents", new { key = "eve", name = "Again", kind = "person" })).Code.ShouldBe("agent_exists");
        var job = await OkAsync(client, two.AdminAuthorization, "POST", "/api/v1/jobs", new { graph = "bag", quantity = 1, reference = "REF-1" });
        job["version"]!.GetValue<int>().ShouldBe(published["number"]!.GetValue<int>());
        var item = (await OkAsync(client, two.AdminAuthorization, "GET", $"/api/v1/work-items?job={job["id"]!.GetValue<long>()}"))["items"]!.AsArray().Single()!;
        await OkAsync(client, two.EveAuthorization, "POST", $"/api/v1/work-items/{item["id"]!.GetValue<long>()}/claim", new { });
    }

    // ---- PostgreSQL: the second wall --------------------------------------------------------------

    /// <summary>
    /// Without the application's filter the SQL carries no tenant predicate at all, yet a context
    /// set to a tenant reads only that tenant's rows: the database's policy is doing the work.
    /// </summary>
    private static async Task FilterShouldBeOffAsync(WeftApi filtered, WeftApi rlsOnly, TenantWorld one, TenantWorld two)
    {
        await using (var db = await rlsOnly.Services.GetRequiredService<IDbContextFactory<FlowDbContext>>().CreateDbContextAsync())
        {
            db.ApplicationFilter.ShouldBeFalse();
            db.TenantId = two.Tenant;
            var query = db.Jobs.AsNoTracking().OrderBy(j => j.Id).Select(j => j.Id);
            query.ToQueryString().ShouldNotContain("tenant_id");
            (await query.ToListAsync()).ShouldBe(two.Jobs);
            (await db.WorkItems.AsNoTracking().OrderBy(w => w.Id).Select(w => w.Id).ToListAsync()).ShouldBe(two.Items);
        }
        await using (var db = await rlsOnly.Services.GetRequiredService<IDbContextFactory<IdentityDbContext>>().CreateDbContextAsync())
        {
            db.ApplicationFilter.ShouldBeFalse();
            db.TenantId = two.Tenant;
            var query = db.Users.AsNoTracking().OrderBy(u => u.Id).Select(u => u.Id);
            query.ToQueryString().ShouldNotContain("tenant_id");
            (await query.ToListAsync()).ShouldBe(two.Users, ignoreOrder: true);
        }
        await using (var db = await filtered.Services.GetRequiredService<IDbContextFactory<FlowDbContext>>().CreateDbContextAsync())
        {
            // The other host still filters in the application: the difference is the filter, nothing else.
            db.ApplicationFilter.ShouldBeTrue();
            db.TenantId = two.Tenant;
            db.Jobs.AsNoTracking().OrderBy(j => j.Id).Select(j => j.Id).ToQueryString().ShouldContain("tenant_id");
        }

        // The same database user, by hand: the setting alone decides which rows exist.
        await using var connection = await RawConnectionAsync(filtered);
        (await CountAsync(connection, two.Tenant, "SELECT count(*) FROM flow_jobs")).ShouldBe(two.Jobs.Length);
        (await CountAsync(connection, two.Tenant, $"SELECT count(*) FROM flow_jobs WHERE tenant_id = {one.Tenant}")).ShouldBe(0);
        (await CountAsync(connection, one.Tenant, "SELECT count(*) FROM flow_jobs")).ShouldBe(one.Jobs.Length);
        (await CountAsync(connection, one.Tenant, "SELECT count(*) FROM identity_users")).ShouldBe(
            (await TenantUsersAsync(filtered, one.Tenant)).Count);
        (await CountAsync(connection, 0, "SELECT count(*) FROM flow_jobs")).ShouldBe(0);
    }

    /// <summary>Statements that name tenant one's rows outright, under tenant two's setting, touch nothing (the snapshot shows it).</summary>
    private static async Task RawWritesShouldNotCrossAsync(WeftApi api, TenantWorld one, TenantWorld two)
    {
        await using var connection = await RawConnectionAsync(api);
        (await CountAsync(connection, two.Tenant, $"UPDATE flow_jobs SET reference = 'stolen' WHERE id = {one.Job}", execute: true)).ShouldBe(0);
        (await CountAsync(connection, two.Tenant, $"DELETE FROM identity_api_keys WHERE id = {one.ReaderKeyId}", execute: true)).ShouldBe(0);
        (await CountAsync(connection, two.Tenant, $"UPDATE identity_users SET role = 'admin' WHERE tenant_id = {one.Tenant}", execute: true)).ShouldBe(0);
        var insert = await Should.ThrowAsync<PostgresException>(() => CountAsync(connection, two.Tenant,
            $"INSERT INTO flow_agents (tenant_id, key, name, kind, capabilities_json, wip_limit, status, version, created_at, updated_at, idle_since) " +
            $"VALUES ({one.Tenant}, 'mole', 'Mole', 'person', '[]', 1, 'available', 0, now(), now(), now())", execute: true));
        insert.SqlState.ShouldBe("42501"); // insufficient_privilege: the row-level security policy's check
    }

    private static async Task<NpgsqlConnection> RawConnectionAsync(WeftApi api)
    {
        // A pool of its own, so the setting made here never reaches a connection the hosts use.
        var builder = new NpgsqlConnectionStringBuilder(api.Database.ConnectionString) { ApplicationName = "weft-tests-raw" };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, long tenant, string sql, bool execute = false)
    {
        await using (var set = new NpgsqlCommand("SELECT set_config('weft.tenant_id', @tenant, false)", connection))
        {
            set.Parameters.AddWithValue("tenant", tenant.ToString());
            await set.ExecuteNonQueryAsync();
        }
        await using var command = new NpgsqlCommand(sql, connection);
        return execute ? await command.ExecuteNonQueryAsync() : (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<List<long>> TenantUsersAsync(WeftApi api, long tenant)
    {
        await using var db = await api.Services.GetRequiredService<IDbContextFactory<IdentityDbContext>>().CreateDbContextAsync();
        db.TenantId = tenant;
        return await db.Users.AsNoTracking().Select(u => u.Id).ToListAsync();
    }

    // ---- Helpers ----------------------------------------------------------------------------------

    private static async Task<JsonNode> OkAsync(HttpClient client, string authorization, string method, string url, object? body = null)
    {
        var answer = await SendAsync(client, authorization, method, url, body);
        if (answer.Status is < 200 or > 299) throw new Xunit.Sdk.XunitException($"{method} {url} answered {answer}");
        return JsonNode.Parse(answer.Body)!;
    }

    private static string Messages(Exception e)
    {
        var all = new List<string>();
        for (Exception? x = e; x is not null; x = x.InnerException) all.Add(x.Message);
        if (e is AggregateException aggregate) all.AddRange(aggregate.Flatten().InnerExceptions.Select(i => i.Message));
        return string.Join(" | ", all);
    }
}
