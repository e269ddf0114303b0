using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Weft.Flow.Definitions;
using Weft.Flow.Persistence;
using Weft.Identity;
using Weft.Identity.Bootstrap;
using Weft.Identity.Persistence;
using Weft.Identity.Tenants;
using Weft.Identity.Users;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;

namespace Weft.Host.Tests;

/// <summary>
/// Fuzz-style: every /api/v1 endpoint the host maps (found in its endpoint data source, so a new
/// endpoint is covered without editing this file) gets malformed JSON, wrong types, huge and empty
/// values, unknown enum values, bad route values, bad query strings and wrong content types. None
/// may answer 5xx, every refusal is problem details with a code, and the database is unchanged.
/// </summary>
public sealed partial class RejectingMalformedInput
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Malformed_bodies_to_every_endpoint_are_refused_without_a_state_change(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        using var world = await SeedAsync(api);
        var before = await SnapshotAsync(api);
        var failures = new List<string>();
        var codes = new HashSet<string>();

        foreach (var endpoint in ApiEndpoints(api).Where(e => e.Method is "POST" or "PUT" or "PATCH"))
        {
            foreach (var caller in Callers(endpoint, world))
            {
                foreach (var url in Urls(endpoint.Pattern, world, garbage: false))
                {
                    foreach (var body in Bodies(world))
                        await SendAndCheckAsync(caller, endpoint.Method, url, body, failures, codes);
                    foreach (var body in WrongContentTypes)
                        await SendAndCheckAsync(caller, endpoint.Method, url, body, failures, codes);
                    await SendAndCheckAsync(caller, endpoint.Method, url, new Body("long idempotency key", """{"agent":"nobody"}""", IdempotencyKey: new string('k', 300)), failures, codes);
                }
                foreach (var url in Urls(endpoint.Pattern, world, garbage: true))
                    foreach (var body in Bodies(world).Where(b => b.OnGarbageRoutes))
                        await SendAndCheckAsync(caller, endpoint.Method, url, body, failures, codes);
            }
        }

        failures.ShouldBeEmpty(string.Join("\n", failures.Take(30)));
        // The fuzz reached the engine's rules, not only the JSON reader: work item commands as an
        // agent reach the work item's rules, and as the admin (no agent) are refused for that.
        new[] { "malformed_json", "malformed_request", "unsupported_media_type", "validation_failed", "no_linked_agent", "not_your_agent",
            "capability_missing", "not_your_work_item", "agent_not_found", "not_found", "graph_invalid", "restart_node_invalid",
            "invalid_idempotency_key", "invalid_credentials", "users_only" }.Except(codes).ShouldBeEmpty();
        ShouldBeUnchanged(before, await SnapshotAsync(api));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Bad_route_values_and_query_strings_on_every_read_are_refused_cleanly(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        using var world = await SeedAsync(api);
        var before = await SnapshotAsync(api);
        var failures = new List<string>();
        var codes = new HashSet<string>();

        foreach (var endpoint in ApiEndpoints(api).Where(e => e.Method is "GET" or "DELETE" or "HEAD"))
        {
            foreach (var url in Urls(endpoint.Pattern, world, garbage: false).Concat(Urls(endpoint.Pattern, world, garbage: true)))
                await SendAndCheckAsync(api.Client, endpoint.Method, url, null, failures, codes);
            foreach (var url in Urls(endpoint.Pattern, world, garbage: false))
                foreach (var query in BadQueries)
                    await SendAndCheckAsync(api.Client, endpoint.Method, url + query, null, failures, codes);
        }

        failures.ShouldBeEmpty(string.Join("\n", failures.Take(30)));
        new[] { "not_found", "invalid_limit", "invalid_cursor", "invalid_state", "malformed_request", "invalid_character",
            "graph_not_found", "agent_not_found", "job_not_found", "work_item_not_found" }.Except(codes).ShouldBeEmpty();
        ShouldBeUnchanged(before, await SnapshotAsync(api));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Every_api_endpoint_is_found_for_fuzzing(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);

        var endpoints = ApiEndpoints(api).Select(e => $"{e.Method} {e.Pattern}").ToList();

        endpoints.ShouldContain("POST /api/v1/work-items/{id:long}/claim");
        endpoints.ShouldContain("PUT /api/v1/graphs/{key}/draft");
        endpoints.ShouldContain("PATCH /api/v1/agents/{key}");
        endpoints.ShouldContain("POST /api/v1/inbox/{id:long}/resolve");
        endpoints.ShouldContain("GET /api/v1/jobs/{id:long}/events");
        endpoints.Count.ShouldBeGreaterThanOrEqualTo(27);
    }

    // ---- What is sent -------------------------------------------------------------------------

    private sealed record Body(string Name, object? Content, string? ContentType = "application/json", bool OnGarbageRoutes = false, string? IdempotencyKey = null);

    private static readonly string Huge = new('x', 200 * 1024);

    private static string Nested(string open, string close, int depth) =>
        string.Concat(Enumerable.Repeat(open, depth)) + string.Concat(Enumerable.Repeat(close, depth));

    /// <summary>Every one of these is wrong for every endpoint: broken JSON, a wrong type, a value out of range, or a missing required field.</summary>
    private static IEnumerable<Body> Bodies(World w) =>
    [
        // Broken JSON.
        new("empty body", "", OnGarbageRoutes: true),
        new("open brace", "{", OnGarbageRoutes: true),
        new("unclosed array", "[1,2"),
        new("bare string", "\"x\""),
        new("null", "null"),
        new("array", "[]"),
        new("number", "1"),
        new("true", "true"),
        new("missing value", """{"agent":}"""),
        new("single quotes", "{'agent':'nobody'}"),
        new("trailing comma", """{"agent":"nobody",}"""),
        new("trailing garbage", """{"agent":"nobody"} x"""),
        new("comment", """{"agent":"nobody" /* hi */}"""),
        new("NaN", """{"quantity":NaN}"""),
        new("invalid UTF-8", new byte[] { 0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xFF, 0xFE, 0x22, 0x7D }),
        new("raw NUL", "{\"agent\":\"no\0body\"}"),
        // Wrong types. Agent-shaped bodies carry a broken draft too, so POST /graphs (which ignores agent fields) refuses them,
        // and an unknown role, so PATCH /users/{id} (which ignores them too but takes a name or agent) refuses them.
        new("quantity as text", """{"quantity":"abc"}""", OnGarbageRoutes: true),
        new("agent as number", """{"agent":5}"""),
        new("data as array", """{"data":[1]}"""),
        new("capabilities as text", """{"capabilities":"x"}"""),
        new("key as number", """{"key":123}"""),
        new("graph as bool", """{"graph":true}"""),
        new("tokens as text", """{"tokens":"1"}"""),
        new("tokens with a fraction", """{"tokens":[1.5]}"""),
        new("tokens as object", """{"tokens":{"a":1}}"""),
        new("draft as text", """{"draft":"x"}"""),
        new("nodes as text", """{"draft":{"nodes":"x"}}"""),
        new("nodes of numbers", """{"draft":{"nodes":[1]}}"""),
        new("wip limit with a fraction", """{"wipLimit":1.5}"""),
        new("due date not a date", """{"dueAt":"not a date"}"""),
        new("agent as object", """{"agent":{"x":1}}"""),
        new("priority as array", """{"priority":[]}"""),
        new("capability name as number", """{"capabilities":[{"name":5}]}"""),
        new("null capability", """{"key":"new-agent","draft":{"nodes":[{"key":"a","type":"loop"}]},"name":"N","embeddingModel":"no-such-model","address":5,"role":"robot","capabilities":[null]}"""),
        new("version as text", """{"version":"1"}"""),
        new("empty object patch", """{"unknown":true}"""),
        // Huge values. Token lists name a restart node that does not exist, so POST /tokens/{id}/cancel (which ignores the list) refuses them too.
        new("huge key", $$"""{"key":"{{Huge}}"}"""),
        new("huge agent", $$"""{"agent":"{{Huge}}"}"""),
        new("huge name", $$"""{"name":"{{Huge}}"}"""),
        new("huge reference", $$"""{"graph":"{{w.Graph}}","quantity":1,"reference":"{{Huge}}"}"""),
        new("huge texts", $$"""{"agent":"nobody","outcome":"{{Huge}}","reason":"{{Huge}}","note":"{{Huge}}","to":"{{Huge}}"}"""),
        new("huge data", $$$"""{"graph":"{{{w.Graph}}}","quantity":1,"reference":"r","data":{"x":"{{{Huge}}}"}}"""),
        new("huge restart node", $$"""{"tokens":[{{w.Token}}],"reason":"qc_fail","restartAt":"{{Huge}}"}"""),
        new("quantity 1e309", """{"quantity":1e309}"""),
        new("quantity beyond int", """{"graph":"g1","quantity":99999999999999999999,"reference":"r"}"""),
        new("version beyond int", """{"version":99999999999999999999}"""),
        new("wip limit beyond int", """{"wipLimit":99999999999999999999}"""),
        new("token id beyond long", """{"tokens":[99999999999999999999],"reason":"qc_fail","restartAt":"nowhere"}"""),
        new("too many tokens", $$"""{"tokens":[{{string.Join(",", Enumerable.Range(1, 1001))}}],"reason":"qc_fail","restartAt":"nowhere"}"""),
        new("nested arrays in data", $$"""{"data":{{Nested("[", "]", 1000)}}}"""),
        new("nested arrays", Nested("[", "]", 1000)),
        new("nested objects", Nested("{\"a\":", "}", 1000).Replace("{\"a\":}", "{\"a\":1}", StringComparison.Ordinal)),
        new("quantity too large", $$"""{"graph":"{{w.Graph}}","quantity":10001,"reference":"r"}"""),
        new("priority out of range", $$"""{"graph":"{{w.Graph}}","quantity":1,"reference":"r","priority":5000}"""),
        new("version zero", $$"""{"graph":"{{w.Graph}}","quantity":1,"reference":"r","version":0}"""),
        new("unknown version", $$"""{"graph":"{{w.Graph}}","quantity":1,"reference":"r","version":99}"""),
        new("due date without zone", $$"""{"graph":"{{w.Graph}}","quantity":1,"reference":"r","dueAt":"2030-01-01T00:00:00"}"""),
        new("capability level 11", """{"key":"new-agent","draft":{"nodes":[{"key":"a","type":"loop"}]},"name":"N","embeddingModel":"no-such-model","address":5,"role":"robot","capabilities":[{"name":"craft","level":11}]}"""),
        new("wip limit zero", """{"key":"new-agent","draft":{"nodes":[{"key":"a","type":"loop"}]},"name":"N","embeddingModel":"no-such-model","address":5,"role":"robot","wipLimit":0}"""),
        new("duplicate capabilities", """{"key":"new-agent","draft":{"nodes":[{"key":"a","type":"loop"}]},"name":"N","embeddingModel":"no-such-model","address":5,"role":"robot","capabilities":[{"name":"a"},{"name":"A"}]}"""),
        new("duplicate tokens", $$"""{"tokens":[{{w.Token}},{{w.Token}}],"reason":"qc_fail","restartAt":"nowhere"}"""),
        // Empty values.
        new("empty strings", """{"key":"","name":"","agent":"","graph":"","reference":"","reason":"","action":"","to":"","kind":"","status":""}"""),
        new("empty name", """{"name":""}"""),
        new("blank name", """{"name":"   "}"""),
        new("empty agent", """{"agent":"","role":"robot"}""", OnGarbageRoutes: true),
        new("empty token list", """{"tokens":[],"reason":"qc_fail","restartAt":"nowhere"}"""),
        new("empty draft name", """{"name":"","draft":null}"""),
        new("NUL in texts", """{"agent":"no\u0000body","key":"a\u0000b","graph":"g\u0000","reference":"r\u0000","to":"x\u0000"}"""),
        // Unknown enum values.
        new("unknown kind", """{"key":"new-agent","draft":{"nodes":[{"key":"a","type":"loop"}]},"name":"N","embeddingModel":"no-such-model","address":5,"role":"robot","kind":"robot"}"""),
        new("unknown status", """{"status":"sleeping"}"""),
        new("unknown cancel reason", $$"""{"tokens":[{{w.Token}}],"reason":"bogus"}"""),
        new("restart without qc_fail", $$"""{"tokens":[{{w.Token}}],"reason":"permanent","restartAt":"work"}"""),
        new("unknown inbox action", """{"action":"explode","agent":"nobody"}"""),
        new("unknown node type", """{"key":"new-graph","draft":{"nodes":[{"key":"a","type":"loop"}]}}"""),
        new("unknown assignment", """{"key":"new-graph","draft":{"nodes":[{"key":"a","type":"task","assignment":"psychic"}]}}"""),
        new("node type as number", """{"key":"new-graph","draft":{"nodes":[{"key":"a","type":99}]}}"""),
        new("node type as numeric text", """{"key":"new-graph","draft":{"nodes":[{"key":"a","type":"99"}]}}"""),
        new("assignment as number", """{"key":"new-graph","draft":{"nodes":[{"key":"a","type":"task","assignment":1}]}}"""),
    ];

    private static readonly Body[] WrongContentTypes =
    [
        new("text/plain", """{"agent":"nobody"}""", "text/plain"),
        new("form", "agent=nobody", "application/x-www-form-urlencoded"),
        new("xml", "<agent>nobody</agent>", "application/xml"),
        new("no content type", """{"agent":"nobody"}""", null),
        new("utf-16 charset", """{"agent":"nobody"}""", "application/json; charset=utf-16"),
        new("unknown charset", """{"agent":"nobody"}""", "application/json; charset=bogus"),
    ];

    private static readonly string[] BadQueries =
    [
        "?limit=abc", "?limit=-1", "?limit=0", "?limit=501", "?limit=99999999999999999999", "?limit=1e3", "?limit=",
        "?cursor=!!!", "?cursor=%00", "?cursor=" + Uri.EscapeDataString(Convert.ToBase64String("id:-1"u8.ToArray())),
        "?cursor=" + new string('A', 8000), "?job=xyz", "?job=99999999999999999999", "?state=bogus", "?state=%00",
        "?graph=%00", "?agent=" + new string('a', 8000), "?capability=%FF", "?node=%00&state=ready", "?limit=1&limit=2",
    ];

    // No "%00": Kestrel refuses a NUL in the path before the app sees it, and TestServer will not send one.
    private static readonly string[] GarbageIds =
        ["0", "-1", "99999999999999999999", "nope", "%20", "%01", "..%2F..", "%C3%BC", new string('k', 3000), "1.5", "%7B%7D", "%FF"];

    // ---- Endpoints and routes -----------------------------------------------------------------

    private static List<(string Method, string Pattern)> ApiEndpoints(WeftApi api) =>
        api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (m, e.RoutePattern.RawText!)))
            .OrderBy(e => e.Item2, StringComparer.Ordinal).ThenBy(e => e.m, StringComparer.Ordinal)
            .ToList();

    /// <summary>The route with every parameter an existing id or key; or, with <paramref name="garbage"/>, one parameter at a time garbage.</summary>
    private static IEnumerable<string> Urls(string pattern, World w, bool garbage)
    {
        var parameters = Parameter().Matches(pattern).ToList();
        if (!garbage)
        {
            foreach (var choice in Combinations(parameters.Select(p => Existing(pattern, p, w)).ToList()))
                yield return Fill(pattern, parameters, choice);
            yield break;
        }
        for (var i = 0; i < parameters.Count; i++)
        {
            foreach (var bad in GarbageIds)
            {
                var values = parameters.Select(p => Existing(pattern, p, w)[0]).ToList();
                values[i] = bad;
                yield return Fill(pattern, parameters, values);
            }
        }
    }

    private static IEnumerable<List<string>> Combinations(List<string[]> options)
    {
        IEnumerable<List<string>> all = [new List<string>()];
        foreach (var next in options) all = all.SelectMany(a => next.Select(n => a.Append(n).ToList())).ToList();
        return all;
    }

    private static string Fill(string pattern, List<Match> parameters, List<string> values)
    {
        var sb = new StringBuilder(pattern);
        for (var i = parameters.Count - 1; i >= 0; i--)
            sb.Remove(parameters[i].Index, parameters[i].Length).Insert(parameters[i].Index, values[i]);
        return sb.ToString();
    }

    /// <summary>An existing id or key for a route parameter, chosen by the segment it follows.</summary>
    private static string[] Existing(string pattern, Match parameter, World w)
    {
        var segment = pattern[..parameter.Index].TrimEnd('/').Split('/')[^1];
        return segment switch
        {
            "graphs" => [w.Graph],
            "agents" => [w.Agent],
            "jobs" => [w.Job.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            "tokens" => [w.Token.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            "work-items" => [w.ReadyItem.ToString(System.Globalization.CultureInfo.InvariantCulture), w.HeldItem.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            "users" => [w.User.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            // A revoked key: revoking it again (DELETE) changes nothing.
            "api-keys" => [w.RevokedKey.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            _ => ["1"],
        };
    }

    // ---- Sending and checking -----------------------------------------------------------------

    /// <summary>
    /// Who sends to an endpoint: always the admin's API key. Work item commands also go as a program
    /// acting as an agent that holds nothing and lacks the work's capability, so they reach the work
    /// item's rules (the admin has no agent); changing one's own password also goes as the admin person.
    /// </summary>
    private static IEnumerable<HttpClient> Callers((string Method, string Pattern) endpoint, World w)
    {
        yield return w.Admin;
        if (endpoint.Method == "POST" && endpoint.Pattern.StartsWith("/api/v1/work-items/", StringComparison.Ordinal)) yield return w.Worker;
        if (endpoint.Pattern.StartsWith("/api/v1/auth/", StringComparison.Ordinal)) yield return w.Person;
    }

    private static async Task SendAndCheckAsync(HttpClient client, string method, string url, Body? body, List<string> failures, HashSet<string>? codes = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null)
        {
            request.Content = body.Content switch
            {
                byte[] bytes => new ByteArrayContent(bytes),
                string text => new ByteArrayContent(Encoding.UTF8.GetBytes(text)),
                _ => null,
            };
            if (request.Content is not null && body.ContentType is not null)
                request.Content.Headers.TryAddWithoutValidation("Content-Type", body.ContentType);
            if (body.IdempotencyKey is not null) request.Headers.TryAddWithoutValidation("Idempotency-Key", body.IdempotencyKey);
        }
        var what = $"{method} {Shorten(url)} [{body?.Name ?? "no body"}]";
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request);
        }
        catch (Exception ex)
        {
            failures.Add($"{what} threw {ex.GetType().Name}: {ex.Message}");
            return;
        }
        using (response)
        {
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync();
            if (status >= 500)
            {
                failures.Add($"{what} answered {status}: {Shorten(text)}");
                return;
            }
            if (status < 400) return;
            if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                failures.Add($"{what} answered {status} as {response.Content.Headers.ContentType}: {Shorten(text)}");
                return;
            }
            try
            {
                if (JsonNode.Parse(text)?["code"]?.GetValue<string>() is not { Length: > 0 } code)
                    failures.Add($"{what} answered {status} without a code: {Shorten(text)}");
                else codes?.Add(code);
            }
            catch (JsonException)
            {
                failures.Add($"{what} answered {status} with a body that is not JSON: {Shorten(text)}");
            }
        }
    }

    private static string Shorten(string s) => s.Length <= 160 ? s : s[..160] + $"…({s.Length} chars)";

    // ---- The world and its snapshot -----------------------------------------------------------

    private sealed record World(
        string Graph, string Agent, long Job, long Token, long ReadyItem, long HeldItem, long User, long RevokedKey,
        HttpClient Admin, HttpClient Worker, HttpClient Person) : IDisposable
    {
        /// <summary>The admin's and the worker's clients belong to <see cref="WeftApi"/>; the person's is the world's own.</summary>
        public void Dispose() => Person.Dispose();
    }

    /// <summary>
    /// A published graph whose current draft is invalid (so publish with an empty body is refused), an
    /// agent holding one started item, a job with one more item ready, an agent able to do none of it,
    /// the admin user, and a revoked API key. Every caller and key is made here, before the snapshot.
    /// </summary>
    private static async Task<World> SeedAsync(WeftApi api)
    {
        (await api.PostAsync("/api/v1/graphs", new { key = "g1", name = "Fuzz", draft = Fixtures.OneTask() })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await api.PostAsync("/api/v1/graphs/g1/publish")).StatusCode.ShouldBe(HttpStatusCode.Created);
        await api.OkAsync(HttpMethod.Put, "/api/v1/graphs/g1/draft", new GraphDefinition());
        await api.OkAsync(HttpMethod.Post, "/api/v1/agents", new { key = "eve", name = "Eve", capabilities = new[] { new { name = "craft", level = 1 } }, wipLimit = 3 });
        await api.OkAsync(HttpMethod.Post, "/api/v1/agents", new { key = "idler", name = "Idler", capabilities = new[] { new { name = "paint", level = 1 } }, wipLimit = 3 });
        var job = (await api.OkAsync(HttpMethod.Post, "/api/v1/jobs", new { graph = "g1", quantity = 2, reference = "F-1" }))["id"]!.GetValue<long>();
        var items = (await api.OkAsync(HttpMethod.Get, $"/api/v1/work-items?job={job}"))["items"]!.AsArray();
        var held = items[1]!["id"]!.GetValue<long>();
        var eve = await api.AsAsync("eve");
        await eve.OkAsync(HttpMethod.Post, $"/api/v1/work-items/{held}/claim", new { agent = "eve" });
        await eve.OkAsync(HttpMethod.Post, $"/api/v1/work-items/{held}/start", new { agent = "eve" });
        var worker = await api.AsAsync("idler");
        var users = (await api.OkAsync(HttpMethod.Get, "/api/v1/users"))["items"]!.AsArray();
        var admin = users.Single(u => u!["email"]!.GetValue<string>() == WeftApi.AdminEmail)!["id"]!.GetValue<long>();
        var revoked = (await api.OkAsync(HttpMethod.Post, "/api/v1/api-keys", new { name = "revoked", scopes = new[] { "flow:read" } }))["apiKey"]!["id"]!.GetValue<long>();
        await api.OkAsync(HttpMethod.Delete, $"/api/v1/api-keys/{revoked}");
        var person = api.CreateClient("Bearer " + await api.TokenAsync(WeftApi.AdminEmail, WeftApi.AdminPassword));
        return new World("g1", "eve", job, items[0]!["tokenId"]!.GetValue<long>(), items[0]!["id"]!.GetValue<long>(), held, admin, revoked,
            api.Client, worker.Client, person);
    }

    /// <summary>
    /// Every row of every engine table and of the security tables, as text, as tenant 1 sees them
    /// (the contexts see nothing without a tenant): two equal snapshots mean nothing changed.
    /// </summary>
    private static async Task<string> SnapshotAsync(WeftApi api)
    {
        // What the setup published reaches its handlers first: the audit trail moves only with real changes.
        await api.DrainEventsAsync();
        await using var db = await api.Services.GetRequiredService<IDbContextFactory<FlowDbContext>>().CreateDbContextAsync();
        db.TenantId = 1;
        await using var security = await api.Services.GetRequiredService<IDbContextFactory<IdentityDbContext>>().CreateDbContextAsync();
        security.TenantId = 1;
        var tables = new Dictionary<string, object>
        {
            ["identity_tenants"] = await security.Tenants.AsNoTracking().OrderBy(x => x.Id).ToListAsync(),
            ["identity_logins"] = await security.Logins.AsNoTracking().OrderBy(x => x.Email).ToListAsync(),
            ["identity_users"] = await security.Users.AsNoTracking().OrderBy(x => x.Id).ToListAsync(),
            ["identity_api_keys"] = await security.ApiKeys.AsNoTracking().OrderBy(x => x.Id).ToListAsync(),
            ["identity_settings"] = await security.Settings.AsNoTracking().OrderBy(x => x.Name).ToListAsync(),
            ["identity_audit"] = await security.Audit.AsNoTracking().OrderBy(x => x.Id).ToListAsync(),
            ["graphs"] = await db.Graphs.AsNoTracking().OrderBy(x => x.Id).ToListAsync(),
            ["graph_versions"] = await db.GraphVersions.AsNoTracking().OrderBy(x => x.Id).ToListAsync(),
            ["agents"] = await db.Agents.AsNoTracking().OrderBy(x => x.Id).ToListAsync(),
            ["jobs"] = await db.Jobs.AsNoTracking().OrderBy(x => x.Id).ToListAsync(),
            ["tokens"] = await db.Tokens.AsNoTracking().OrderBy(x => x.Id).ToListAsync(),
            ["work_items"] = await db.WorkItems.AsNoTracking().OrderBy(x => x.Id).ToListAsync(),
            ["events"] = await db.Events.AsNoTracking().OrderBy(x => x.Id).ToListAsync(),
            ["inbox"] = await db.Inbox.AsNoTracking().OrderBy(x => x.Id).ToListAsync(),
            ["timers"] = await db.Timers.AsNoTracking().OrderBy(x => x.Id).ToListAsync(),
            ["idempotency"] = await db.IdempotencyKeys.AsNoTracking().OrderBy(x => x.Key).ToListAsync(),
        };
        ((List<EventRecord>)tables["events"]).Count.ShouldBeGreaterThan(0);
        ((List<WorkItemRecord>)tables["work_items"]).Count.ShouldBe(2);
        ((List<UserRecord>)tables["identity_users"]).Count.ShouldBeGreaterThan(0);
        ((List<ApiKeyRecord>)tables["identity_api_keys"]).Count.ShouldBeGreaterThan(2);
        return JsonSerializer.Serialize(tables, new JsonSerializerOptions { WriteIndented = true });
    }

    private static void ShouldBeUnchanged(string before, string after)
    {
        if (before == after) return;
        var was = before.Split('\n');
        var now = after.Split('\n');
        var first = Enumerable.Range(0, Math.Min(was.Length, now.Length)).FirstOrDefault(i => was[i] != now[i], Math.Min(was.Length, now.Length));
        string Around(string[] lines) => string.Join("\n", lines.Skip(Math.Max(0, first - 12)).Take(20).Select(l => Shorten(l.TrimEnd())));
        throw new Xunit.Sdk.XunitException($"The database changed near line {first}.\nBefore:\n{Around(was)}\nAfter:\n{Around(now)}");
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();
}
