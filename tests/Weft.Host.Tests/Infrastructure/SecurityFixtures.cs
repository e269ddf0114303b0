using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Weft.Flow.Persistence;
using Weft.Identity;
using Weft.Identity.Bootstrap;
using Weft.Identity.Persistence;
using Weft.Identity.Tenants;
using Weft.Identity.Users;

namespace Weft.Host.Tests.Infrastructure;

/// <summary>
/// People, keys and tenants for the security tests, made the way an admin makes them (through the
/// API, or through <see cref="SecurityStore"/> where only the CLI can, as for tenants).
/// </summary>
internal static class SecurityFixtures
{
    /// <summary>The password of every user these fixtures create.</summary>
    public const string Password = "fixture-password-1";

    /// <summary>Creates a user through <c>POST /api/v1/users</c> as <paramref name="admin"/> and signs them in.</summary>
    /// <returns>The user's id and the value of an Authorization header that calls as them.</returns>
    public static async Task<(long Id, string Authorization)> UserAsync(
        WeftApi api, HttpClient admin, string email, string role, string? agent = null)
    {
        var user = await WeftCaller.OkAsync(admin, HttpMethod.Post, "/api/v1/users",
            new { email, name = email, role, password = Password, agent });
        return (user["id"]!.GetValue<long>(), "Bearer " + await api.TokenAsync(email, Password));
    }

    /// <summary>Creates an API key through <c>POST /api/v1/api-keys</c> as <paramref name="admin"/>.</summary>
    /// <returns>The key's id and the value of an Authorization header that calls with it.</returns>
    public static async Task<(long Id, string Authorization)> ApiKeyAsync(HttpClient admin, string name, string[] scopes, string? agent = null)
    {
        var key = await WeftCaller.OkAsync(admin, HttpMethod.Post, "/api/v1/api-keys", new { name, scopes, agent });
        return (key["apiKey"]!["id"]!.GetValue<long>(), "ApiKey " + key["key"]!.GetValue<string>());
    }

    /// <summary>A new tenant with one admin (as <c>weft tenants create</c> and <c>weft admins create</c> make them), signed in.</summary>
    /// <returns>The tenant id, the admin's user id, and a Bearer Authorization header value for the admin.</returns>
    public static async Task<(long Tenant, long AdminId, string Authorization)> TenantAsync(WeftApi api, string key, string adminEmail)
    {
        var tenantDirectory = api.Services.GetRequiredService<TenantDirectory>();
        var createUser = api.Services.GetRequiredService<CreateUser>();
        var tenant = await tenantDirectory.CreateAsync("test", key, "Tenant " + key);
        var admin = await createUser.HandleAsync(tenant.Id, "test", new CreateUserRequest(adminEmail, "Admin of " + key, "admin", Password, null));
        return (tenant.Id, admin.Id, "Bearer " + await api.TokenAsync(adminEmail, Password));
    }

    /// <summary>What an answer said: its status, and for problem details their <c>code</c>.</summary>
    public sealed record Answer(int Status, string? Code, string? MediaType, string Body)
    {
        public bool IsProblem => MediaType == "application/problem+json";

        public override string ToString() => $"{Status} {Code ?? "-"} {(Body.Length <= 200 ? Body : Body[..200] + "…")}";
    }

    public static async Task<Answer> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        var media = response.Content.Headers.ContentType?.MediaType;
        string? code = null;
        if (media == "application/problem+json")
        {
            try
            {
                code = JsonNode.Parse(body)?["code"]?.GetValue<string>();
            }
            catch (JsonException)
            {
            }
        }
        return new Answer((int)response.StatusCode, code, media, body);
    }

    /// <summary>Sends with the given Authorization header value (none for null) and reads the answer.</summary>
    public static async Task<Answer> SendAsync(HttpClient client, string? authorization, string method, string url, object? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        if (body is not null) request.Content = JsonContent.Create(body, options: WeftApi.Json);
        using var response = await client.SendAsync(request);
        return await ReadAsync(response);
    }

    /// <summary>
    /// Every row one tenant owns, as text, read through contexts set to that tenant: the engine's
    /// tables, its users, API keys and sign-in directory entries. Two equal snapshots mean nothing of
    /// the tenant's changed. Every row read is checked to carry the tenant's id.
    /// </summary>
    public static async Task<string> TenantSnapshotAsync(IServiceProvider services, long tenant)
    {
        await using var flow = await services.GetRequiredService<IDbContextFactory<FlowDbContext>>().CreateDbContextAsync();
        flow.TenantId = tenant;
        await using var security = await services.GetRequiredService<IDbContextFactory<IdentityDbContext>>().CreateDbContextAsync();
        security.TenantId = tenant;
        var graphs = await flow.Graphs.AsNoTracking().OrderBy(x => x.Id).ToListAsync();
        var versions = await flow.GraphVersions.AsNoTracking().OrderBy(x => x.Id).ToListAsync();
        var agents = await flow.Agents.AsNoTracking().OrderBy(x => x.Id).ToListAsync();
        var jobs = await flow.Jobs.AsNoTracking().OrderBy(x => x.Id).ToListAsync();
        var tokens = await flow.Tokens.AsNoTracking().OrderBy(x => x.Id).ToListAsync();
        var items = await flow.WorkItems.AsNoTracking().OrderBy(x => x.Id).ToListAsync();
        var events = await flow.Events.AsNoTracking().OrderBy(x => x.Id).ToListAsync();
        var inbox = await flow.Inbox.AsNoTracking().OrderBy(x => x.Id).ToListAsync();
        var timers = await flow.Timers.AsNoTracking().OrderBy(x => x.Id).ToListAsync();
        var idempotency = await flow.IdempotencyKeys.AsNoTracking().OrderBy(x => x.Key).ToListAsync();
        var users = await security.Users.AsNoTracking().OrderBy(x => x.Id).ToListAsync();
        var keys = await security.ApiKeys.AsNoTracking().OrderBy(x => x.Id).ToListAsync();
        var logins = await security.Logins.AsNoTracking().Where(x => x.TenantId == tenant).OrderBy(x => x.Email).ToListAsync();

        var owners = graphs.Select(x => x.TenantId).Concat(versions.Select(x => x.TenantId)).Concat(agents.Select(x => x.TenantId))
            .Concat(jobs.Select(x => x.TenantId)).Concat(tokens.Select(x => x.TenantId)).Concat(items.Select(x => x.TenantId))
            .Concat(events.Select(x => x.TenantId)).Concat(inbox.Select(x => x.TenantId)).Concat(timers.Select(x => x.TenantId))
            .Concat(idempotency.Select(x => x.TenantId)).Concat(users.Select(x => x.TenantId)).Concat(keys.Select(x => x.TenantId));
        owners.Distinct().ShouldBe([tenant], $"a context of tenant {tenant} read rows of another tenant");

        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["graphs"] = graphs, ["graph_versions"] = versions, ["agents"] = agents, ["jobs"] = jobs, ["tokens"] = tokens,
            ["work_items"] = items, ["events"] = events, ["inbox"] = inbox, ["timers"] = timers, ["idempotency"] = idempotency,
            ["users"] = users, ["api_keys"] = keys, ["logins"] = logins,
        }, new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>Fails with the first lines that differ when two snapshots are not the same.</summary>
    public static void ShouldBeUnchanged(string before, string after, string what)
    {
        if (before == after) return;
        var was = before.Split('\n');
        var now = after.Split('\n');
        var first = Enumerable.Range(0, Math.Min(was.Length, now.Length)).FirstOrDefault(i => was[i] != now[i], Math.Min(was.Length, now.Length));
        string Around(string[] lines) => string.Join("\n", lines.Skip(Math.Max(0, first - 10)).Take(18).Select(l => l.TrimEnd()));
        throw new Xunit.Sdk.XunitException($"{what} changed near line {first}.\nBefore:\n{Around(was)}\nAfter:\n{Around(now)}");
    }
}
