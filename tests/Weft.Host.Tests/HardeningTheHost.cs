using System.Net;
using System.Net.Http.Json;
using System.Text;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;
using static Weft.Host.Tests.Infrastructure.SignInKit;

namespace Weft.Host.Tests;

/// <summary>What every answer carries, who may call from a browser page, how large a request may be, and the audit trail.</summary>
public sealed class HardeningTheHost
{
    private const string Evil = "https://evil.example";
    private const string App = "https://app.example";

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task Every_answer_carries_the_security_headers(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        using var anonymous = api.CreateClient();
        var answers = new List<(string What, HttpResponseMessage Response)>
        {
            ("API answer", await api.GetAsync("/api/v1/graphs")),
            ("not found", await api.GetAsync("/api/v1/graphs/nothing-here")),
            ("malformed body", await api.PostAsync("/api/v1/graphs", "{ not json")),
            ("unauthenticated", await anonymous.GetAsync("/api/v1/graphs")),
            ("sign-in page", await anonymous.GetAsync("/sign-in")),
            ("health", await anonymous.GetAsync("/health/live")),
            ("token", await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { email = WeftApi.AdminEmail, password = WeftApi.AdminPassword })),
        };
        answers.Select(a => (int)a.Response.StatusCode).ShouldBe([200, 404, 400, 401, 200, 200, 200]);
        foreach (var (what, response) in answers)
        {
            Header(response, "Content-Security-Policy").ShouldContain("frame-ancestors 'none'", customMessage: what);
            Header(response, "Content-Security-Policy").ShouldContain("default-src 'self'", customMessage: what);
            // The installable app's manifest and service worker come from this site alone.
            Header(response, "Content-Security-Policy").ShouldContain("manifest-src 'self'", customMessage: what);
            Header(response, "Content-Security-Policy").ShouldContain("worker-src 'self'", customMessage: what);
            Header(response, "X-Content-Type-Options").ShouldBe("nosniff", what);
            Header(response, "X-Frame-Options").ShouldBe("DENY", what);
            Header(response, "Referrer-Policy").ShouldBe("no-referrer", what);
            response.Dispose();
        }
        // Credentials are never cached.
        using var token = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { email = WeftApi.AdminEmail, password = WeftApi.AdminPassword });
        token.Headers.CacheControl!.NoStore.ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task No_other_site_may_call_the_api_from_a_browser_unless_configured(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        using (var preflight = await PreflightAsync(api, Evil))
            preflight.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
        using (var read = await ReadFromAsync(api, Evil))
        {
            read.StatusCode.ShouldBe(HttpStatusCode.OK);
            read.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task A_configured_origin_may_call_the_api_and_no_other(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider, new Dictionary<string, string?> { ["Weft:Cors:AllowedOrigins:0"] = App });

        using (var preflight = await PreflightAsync(api, App))
        {
            preflight.IsSuccessStatusCode.ShouldBeTrue();
            Header(preflight, "Access-Control-Allow-Origin").ShouldBe(App);
            Header(preflight, "Access-Control-Allow-Methods").ShouldContain("POST");
        }
        using (var read = await ReadFromAsync(api, App))
        {
            Header(read, "Access-Control-Allow-Origin").ShouldBe(App);
            Header(read, "Access-Control-Expose-Headers").ShouldContain("Retry-After");
        }
        using (var preflight = await PreflightAsync(api, Evil))
            preflight.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
        using (var read = await ReadFromAsync(api, Evil))
            read.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task A_body_over_one_megabyte_is_refused_with_413(string provider)
    {
        // Kestrel enforces the limit (the in-memory test server has none), so this host is a real server.
        await using var host = await SignInHost.StartAsync(provider, kestrel: true);
        using var admin = host.PatientClient("Bearer " + await host.TokenAsync(WeftApi.AdminEmail, WeftApi.AdminPassword));
        var big = new string('x', 1024 * 1024);

        using var response = await SendLargeAsync(admin, "/api/v1/graphs", $$"""{"key":"big","name":"{{big}}"}""", "application/json");
        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "request_too_large");
        // The sign-in form is held to the same limit (its antiforgery check reads it first).
        using var anonymous = host.PatientClient();
        using var hugeForm = await SendLargeAsync(anonymous, "/sign-in", "email=" + big, "application/x-www-form-urlencoded");
        await hugeForm.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "request_too_large");

        // Just under the limit the body is read, and judged on its merits.
        using var under = await admin.PostAsync("/api/v1/graphs",
            new StringContent($$"""{"key":"big","name":"{{big[..(1000 * 1000)]}}"}""", Encoding.UTF8, "application/json"));
        await under.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        (await admin.GetAsync("/api/v1/graphs/big")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // A form field over its own (much smaller) limit.
        using var browser = host.Browser();
        var token = FormToken(await browser.GetStringAsync("/sign-in"));
        using var longField = await browser.PostAsync("/sign-in", new StringContent(
            "__RequestVerificationToken=" + Uri.EscapeDataString(token) + "&email=" + big[..(20 * 1024)] + "&password=x", Encoding.UTF8, "application/x-www-form-urlencoded"));
        await longField.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "malformed_request");
        (await browser.GetAsync("/api/v1/auth/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private static async Task<HttpResponseMessage> SendLargeAsync(HttpClient client, string url, string body, string mediaType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
        request.Headers.ExpectContinue = true;
        return await client.SendAsync(request);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task A_form_that_cannot_be_read_is_a_bad_request_not_a_crash(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        using var anonymous = api.CreateClient();
        var longValue = new string('x', 20 * 1024);
        // Forms are read (for their antiforgery token) before any endpoint runs, whoever calls and wherever.
        foreach (var (client, url) in new[] { (anonymous, "/sign-in"), (api.Client, "/api/v1/graphs") })
        {
            await (await client.PostAsync(url, new StringContent("email=" + longValue, Encoding.UTF8, "application/x-www-form-urlencoded")))
                .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "malformed_request");
            await (await client.PostAsync(url, new StringContent("--x--", Encoding.UTF8, "multipart/form-data")))
                .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "malformed_request");
        }
        (await api.OkAsync(HttpMethod.Get, "/api/v1/graphs"))["items"]!.AsArray().ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task The_audit_trail_records_who_signed_in_and_changed_what_and_only_admins_read_it(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        const string Admin = WeftApi.AdminEmail;
        const string Victim = "victim@test.weft";
        var admin = await api.AsUserAsync(Admin, WeftApi.AdminPassword);
        var victim = (await admin.OkAsync(HttpMethod.Post, "/api/v1/users", new { email = Victim, role = "viewer", password = Password }))["id"]!.GetValue<long>();
        await admin.OkAsync(HttpMethod.Patch, $"/api/v1/users/{victim}", new { role = "operator" });
        var key = await admin.OkAsync(HttpMethod.Post, "/api/v1/api-keys", new { name = "temp", scopes = new[] { "flow:read" } });
        await admin.OkAsync(HttpMethod.Delete, $"/api/v1/api-keys/{key["apiKey"]!["id"]}");
        await PublishAsync(admin, "g1", Fixtures.OneTask());
        var job = await admin.OkAsync(HttpMethod.Post, "/api/v1/jobs", new { graph = "g1", quantity = 1, reference = "R-1" });
        var token = (await admin.OkAsync(HttpMethod.Get, $"/api/v1/jobs/{job["id"]}/tokens")).AsArray()[0]!;
        await admin.OkAsync(HttpMethod.Post, $"/api/v1/tokens/{token["id"]}/cancel", new { reason = "permanent" });
        for (var i = 1; i <= 5; i++) (await api.SignInAsync(Victim, "guess-number-" + i)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var audit = await api.AuditAsync();
        (string Type, string Actor)[] expected =
        [
            ("user_signed_in", Admin),
            ("user_created", Admin),
            ("user_role_changed", Admin),
            ("api_key_created", Admin),
            ("api_key_revoked", Admin),
            ("graph_published", Admin),
            ("token_cancelled", Admin),
            ("sign_in_failed", Victim),
            ("user_locked_out", Victim),
        ];
        foreach (var (type, actor) in expected)
            audit.ShouldContain(e => e.Type() == type && e.Actor() == actor, $"no {type} by {actor}");
        audit.Count(e => e.Type() == "sign_in_failed").ShouldBe(5);
        var roleChange = audit.Single(e => e.Type() == "user_role_changed")["data"]!;
        (roleChange["from"]!.GetValue<string>(), roleChange["to"]!.GetValue<string>()).ShouldBe(("viewer", "operator"));
        audit.Select(e => e["at"]!.GetValue<DateTime>()).ShouldAllBe(at => at == api.Clock.GetUtcNow().UtcDateTime);
        // No password, tried or real, is on record.
        var text = await (await api.GetAsync("/api/v1/audit?limit=500")).Content.ReadAsStringAsync();
        text.ShouldNotContain("guess-number");
        text.ShouldNotContain(Password);
        text.ShouldNotContain(WeftApi.AdminPassword);

        // Only admins read it.
        await api.CreateUserAsync("viewer@test.weft", "viewer");
        var viewer = await api.AsUserAsync("viewer@test.weft");
        await (await viewer.SendAsync(HttpMethod.Get, "/api/v1/audit")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        using var anonymous = api.CreateClient();
        await (await anonymous.GetAsync("/api/v1/audit")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "authentication_required");
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : throw new Xunit.Sdk.XunitException(
            $"{(int)response.StatusCode} {response.RequestMessage?.RequestUri} has no {name} header.");

    private static async Task<HttpResponseMessage> PreflightAsync(WeftApi api, string origin)
    {
        using var client = api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/graphs");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization, content-type");
        return await client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> ReadFromAsync(WeftApi api, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/graphs");
        request.Headers.Add("Origin", origin);
        return await api.Client.SendAsync(request);
    }
}
