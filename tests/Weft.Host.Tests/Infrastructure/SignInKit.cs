using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Weft.Identity;
using Weft.Identity.Bootstrap;
using Weft.Identity.Persistence;
using Weft.Identity.Tenants;
using Weft.Identity.Users;
using Weft.Platform.Time;
using Weft.Testing;

namespace Weft.Host.Tests.Infrastructure;

/// <summary>
/// A host like <see cref="WeftApi"/>'s, for the tests that need what it does not give: clients that
/// keep cookies and do not follow redirects (browser sign-in), a host that has not signed anyone in
/// yet (sign-in rate limits), and a host without the test admin (demo mode, a database the CLI made).
/// </summary>
internal sealed class SignInHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> factory;
    private readonly bool ownsDatabase;
    private readonly Uri baseAddress = new("http://localhost");

    private SignInHost(TestDatabase database, ManualClock clock, bool ownsDatabase, IReadOnlyDictionary<string, string?>? settings, bool testAdmin, bool kestrel)
    {
        Database = database;
        Clock = clock;
        this.ownsDatabase = ownsDatabase;
        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            var all = new Dictionary<string, string?>
            {
                ["Weft:Database:Provider"] = database.Provider,
                ["ConnectionStrings:Weft"] = database.ConnectionString,
                ["Weft:Demo:Enabled"] = "false",
                ["Weft:Runtime:Enabled"] = "false",
                ["Weft:Auth:SigningKey"] = WeftApi.SigningKey,
                ["Weft:RateLimits:RequestsPerMinute"] = "100000000",
                ["Weft:RateLimits:SignInPerMinute"] = "100000",
            };
            if (testAdmin)
            {
                all["Weft:Bootstrap:AdminEmail"] = WeftApi.AdminEmail;
                all["Weft:Bootstrap:AdminPassword"] = WeftApi.AdminPassword;
            }
            // The host's appsettings.json names a fixed address; a real server here takes any free port instead.
            if (kestrel) all["Urls"] = "http://127.0.0.1:0";
            foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) all[k] = v;
            foreach (var (k, v) in all) b.UseSetting(k, v);
            b.ConfigureServices(s =>
            {
                s.RemoveAll<TimeProvider>();
                // In demo mode the host turns its clock back while it writes the demo's history, as it does outside tests.
                s.AddSingleton<TimeProvider>(all["Weft:Demo:Enabled"] == "true" ? new DemoClock(clock) : clock);
            });
        });
        if (kestrel)
        {
            // A real server on a free port: what only Kestrel enforces (the request body limit) holds here too.
            factory.UseKestrel();
            factory.StartServer();
            var addresses = factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
            baseAddress = new Uri(addresses.First());
        }
        // Starts the host: migrations and bootstrap run before it answers.
        using var _ = factory.CreateClient();
    }

    public TestDatabase Database { get; }
    public ManualClock Clock { get; }
    public IServiceProvider Services => factory.Services;

    /// <param name="testAdmin">Whether the first start creates <see cref="WeftApi.AdminEmail"/> (as WeftApi's hosts do).</param>
    /// <param name="kestrel">Serve on a real Kestrel server (loopback, free port) instead of the in-memory test server.</param>
    public static async Task<SignInHost> StartAsync(
        string provider, IReadOnlyDictionary<string, string?>? settings = null, bool testAdmin = true, bool kestrel = false) =>
        new(await TestDatabases.CreateAsync(provider), new ManualClock(), ownsDatabase: true, settings, testAdmin, kestrel);

    /// <summary>Another host on an existing database (which it leaves in place when disposed).</summary>
    public static SignInHost Attach(TestDatabase database, ManualClock clock, IReadOnlyDictionary<string, string?>? settings = null, bool testAdmin = true) =>
        new(database, clock, ownsDatabase: false, settings, testAdmin, kestrel: false);

    /// <summary>A browser-like client: keeps cookies, shows redirects instead of following them.</summary>
    public HttpClient Browser() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = baseAddress });

    /// <summary>A program-like client: no cookies, with the given Authorization header value if any.</summary>
    public HttpClient CreateClient(string? authorization = null)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = baseAddress });
        if (authorization is not null) client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        return client;
    }

    /// <summary>
    /// A client of its own on the real server (kestrel hosts only) that, for requests marked
    /// <c>Expect: 100-continue</c>, waits for the server's go-ahead however long it takes: a body the
    /// server refuses from its headers is then never sent, and the refusal cannot be lost to a reset.
    /// </summary>
    public HttpClient PatientClient(string? authorization = null)
    {
        var client = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromMinutes(1), UseCookies = false, AllowAutoRedirect = false })
        {
            BaseAddress = baseAddress,
        };
        if (authorization is not null) client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        return client;
    }

    public async Task<HttpResponseMessage> SignInAsync(string email, string password)
    {
        using var client = CreateClient();
        return await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password }, WeftApi.Json);
    }

    public async Task<string> TokenAsync(string email, string password)
    {
        using var response = await SignInAsync(email, password);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new Xunit.Sdk.XunitException($"Sign-in of {email} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!["accessToken"]!.GetValue<string>();
    }

    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
        if (ownsDatabase) await Database.DisposeAsync();
    }
}

/// <summary>Small helpers shared by the sign-in and security tests.</summary>
internal static partial class SignInKit
{
    public const string Password = "right-password-1";

    /// <summary>Asserts a problem-details answer and returns its body.</summary>
    public static async Task<JsonNode> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string? code = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe((int)status, text);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", text);
        var body = JsonNode.Parse(text)!;
        if (code is not null) body["code"]?.GetValue<string>().ShouldBe(code, text);
        return body;
    }

    public static async Task<JsonNode> ShouldBeOkAsync(this HttpResponseMessage response, HttpStatusCode? status = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (status is { } s) ((int)response.StatusCode).ShouldBe((int)s, text);
        else response.IsSuccessStatusCode.ShouldBeTrue($"{(int)response.StatusCode}: {text}");
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }

    public static async Task<HttpResponseMessage> SignInAsync(this WeftApi api, string email, string password)
    {
        using var client = api.CreateClient();
        return await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password }, WeftApi.Json);
    }

    /// <summary>Creates a user of tenant 1 through the API (as the test admin) and returns its id.</summary>
    public static async Task<long> CreateUserAsync(this WeftApi api, string email, string role, string? agent = null, string password = Password)
    {
        var user = await api.OkAsync(HttpMethod.Post, "/api/v1/users", new { email, name = email, role, password, agent });
        return user["id"]!.GetValue<long>();
    }

    /// <summary>A client calling with a Bearer token from signing in as <paramref name="email"/>.</summary>
    public static async Task<WeftCaller> AsUserAsync(this WeftApi api, string email, string password = Password) =>
        new(api.CreateClient("Bearer " + await api.TokenAsync(email, password)));

    public static Task<JsonNode> RegisterAgentAsync(this WeftApi api, string key, string capability = "craft") =>
        api.OkAsync(HttpMethod.Post, "/api/v1/agents", new { key, name = key, kind = "person", capabilities = new[] { new { name = capability, level = 1 } }, wipLimit = 5 });

    /// <summary>Creates and publishes a graph as <paramref name="caller"/>.</summary>
    public static async Task PublishAsync(WeftCaller caller, string key, object definition)
    {
        await caller.OkAsync(HttpMethod.Post, "/api/v1/graphs", new { key, name = key });
        await caller.OkAsync(HttpMethod.Put, $"/api/v1/graphs/{key}/draft", definition);
        await caller.OkAsync(HttpMethod.Post, $"/api/v1/graphs/{key}/publish");
    }

    public static async Task<List<JsonNode>> EventsAsync(WeftCaller caller, long jobId) =>
        (await caller.OkAsync(HttpMethod.Get, $"/api/v1/jobs/{jobId}/events?limit=500"))["items"]!.AsArray().Select(e => e!).ToList();

    /// <summary>The audit trail once every integration event published so far has been delivered (other modules' entries arrive that way).</summary>
    public static async Task<List<JsonNode>> AuditAsync(this WeftApi api)
    {
        await api.DrainEventsAsync();
        return (await api.OkAsync(HttpMethod.Get, "/api/v1/audit?limit=500"))["items"]!.AsArray().Select(e => e!).ToList();
    }

    public static string Type(this JsonNode e) => e["type"]!.GetValue<string>();
    public static string? Actor(this JsonNode e) => e["actor"]?.GetValue<string>();

    /// <summary>Reads the security tables of one tenant directly.</summary>
    public static async Task<T> SecurityDbAsync<T>(IServiceProvider services, long tenant, Func<IdentityDbContext, Task<T>> read)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<IdentityDbContext>>().CreateDbContextAsync();
        db.TenantId = tenant;
        return await read(db);
    }

    /// <summary>An access token shaped like the host's, signed with <paramref name="signingKey"/>.</summary>
    public static string MintToken(string signingKey, long tenant, string subject, string stamp, DateTime now, TimeSpan? lifetime = null) =>
        MintToken(Encoding.UTF8.GetBytes(signingKey), tenant, subject, stamp, now, lifetime);

    /// <summary>The same, signed with the key's bytes (as a key kept in the database is).</summary>
    public static string MintToken(byte[] signingKey, long tenant, string subject, string stamp, DateTime now, TimeSpan? lifetime = null) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Weft.Identity.AccessTokens.AccessTokenIssuer.Issuer,
            Audience = Weft.Identity.AccessTokens.AccessTokenIssuer.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? TimeSpan.FromMinutes(15)),
            Claims = new Dictionary<string, object> { ["sub"] = subject, ["tid"] = tenant, ["stamp"] = stamp, ["jti"] = Guid.NewGuid().ToString("N") },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(signingKey), SecurityAlgorithms.HmacSha256),
        });

    /// <summary>The same claims with <c>"alg": "none"</c> and no signature.</summary>
    public static string UnsignedToken(long tenant, string subject, string stamp, DateTime now)
    {
        static string B64(string json) => Base64UrlEncoder.Encode(json);
        var seconds = new DateTimeOffset(now).ToUnixTimeSeconds();
        var payload = $$"""{"iss":"{{Weft.Identity.AccessTokens.AccessTokenIssuer.Issuer}}","aud":"{{Weft.Identity.AccessTokens.AccessTokenIssuer.Audience}}","sub":"{{subject}}","tid":{{tenant}},"stamp":"{{stamp}}","iat":{{seconds}},"nbf":{{seconds}},"exp":{{seconds + 900}}}""";
        return B64("""{"alg":"none","typ":"JWT"}""") + "." + B64(payload) + ".";
    }

    /// <summary>The antiforgery field of a page's form.</summary>
    public static string FormToken(string html)
    {
        var match = FormTokenPattern().Match(html);
        match.Success.ShouldBeTrue("The page has no antiforgery field: " + html);
        return WebUtility.HtmlDecode(match.Groups["value"].Value);
    }

    [GeneratedRegex(@"name=""__RequestVerificationToken"" value=""(?<value>[^""]*)""")]
    private static partial Regex FormTokenPattern();

    public static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    /// <summary>The Set-Cookie header of the named cookie.</summary>
    public static string? SetCookie(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.FirstOrDefault(v => v.StartsWith(name + "=", StringComparison.Ordinal))
            : null;
}
