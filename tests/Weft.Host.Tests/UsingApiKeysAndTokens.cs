using Weft.Platform.Persistence;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;
using static Weft.Host.Tests.Infrastructure.SignInKit;

namespace Weft.Host.Tests;

/// <summary>API keys for programs: shown once, stored hashed, and dead the moment they are revoked or expire.</summary>
public sealed class UsingApiKeysAndTokens
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_key_is_shown_once_and_its_secret_is_stored_nowhere(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        using var created = await api.PostAsync("/api/v1/api-keys", new { name = "reporting", scopes = new[] { "flow:read" } });
        var body = await created.ShouldBeOkAsync(HttpStatusCode.Created);
        var key = body["key"]!.GetValue<string>();
        var id = body["apiKey"]!["id"]!.GetValue<long>();
        created.Headers.Location!.ToString().ShouldBe($"/api/v1/api-keys/{id}");
        var secret = key.Split('.')[3];
        key.ShouldBe($"wk.1.{id}.{secret}");
        secret.Length.ShouldBeGreaterThanOrEqualTo(32);
        body["apiKey"]!["prefix"]!.GetValue<string>().ShouldBe($"wk.1.{id}");

        // Nothing read back afterwards carries the secret.
        (await (await api.GetAsync("/api/v1/api-keys?limit=500")).Content.ReadAsStringAsync()).ShouldNotContain(secret);
        var one = await (await api.GetAsync($"/api/v1/api-keys/{id}")).Content.ReadAsStringAsync();
        one.ShouldContain("reporting");
        one.ShouldNotContain(secret);
        var audit = await (await api.GetAsync("/api/v1/audit?limit=500")).Content.ReadAsStringAsync();
        audit.ShouldContain("api_key_created");
        audit.ShouldNotContain(secret);

        // The database holds a hash of the secret, not the secret.
        var rows = await SecurityDbAsync(api.Services, 1, db => db.ApiKeys.AsNoTracking().ToListAsync());
        var row = rows.Single(k => k.Id == id);
        row.SecretHash.ShouldNotBeNullOrEmpty();
        rows.ShouldAllBe(k => !k.SecretHash.Contains(secret) && !k.Name.Contains(secret) && !k.Scopes.Contains(secret));
        var auditRows = await SecurityDbAsync(api.Services, 1, db => db.Audit.AsNoTracking().Select(a => a.DataJson).ToListAsync());
        auditRows.ShouldAllBe(d => d == null || !d.Contains(secret));

        // And the shown key works, as sent.
        using var program = api.CreateClient("ApiKey " + key);
        var me = await (await program.GetAsync("/api/v1/auth/me")).ShouldBeOkAsync(HttpStatusCode.OK);
        me["kind"]!.GetValue<string>().ShouldBe("api-key");
        me["permissions"]!.AsArray().Select(p => p!.GetValue<string>()).ShouldBe(["flow:read"]);
        (await program.GetAsync("/api/v1/graphs")).StatusCode.ShouldBe(HttpStatusCode.OK);
        // Its scopes bound it: flow:read cannot write.
        await (await program.PostAsJsonAsync("/api/v1/graphs", new { key = "g", name = "G" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_key_works_directly_and_for_a_token_across_restarts_and_not_once_revoked(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var created = await api.OkAsync(HttpMethod.Post, "/api/v1/api-keys", new { name = "sync", scopes = new[] { "flow:write" } });
        var key = created["key"]!.GetValue<string>();
        var id = created["apiKey"]!["id"]!.GetValue<long>();
        var bearer = await ExchangeAsync(api, key);

        (await GetAsync(api, "ApiKey " + key, "/api/v1/graphs")).ShouldBe(HttpStatusCode.OK);
        (await GetAsync(api, "Bearer " + bearer, "/api/v1/graphs")).ShouldBe(HttpStatusCode.OK);

        await api.RestartAsync();
        (await GetAsync(api, "ApiKey " + key, "/api/v1/graphs")).ShouldBe(HttpStatusCode.OK);
        (await GetAsync(api, "Bearer " + bearer, "/api/v1/graphs")).ShouldBe(HttpStatusCode.OK);

        var revoked = await api.OkAsync(HttpMethod.Delete, $"/api/v1/api-keys/{id}");
        revoked["revokedAt"].ShouldNotBeNull();
        revoked["revokedBy"]!.GetValue<string>().ShouldStartWith("api-key:");

        // At once: the key, and the token it was exchanged for before.
        using var direct = api.CreateClient("ApiKey " + key);
        await (await direct.GetAsync("/api/v1/graphs")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        using var viaToken = api.CreateClient("Bearer " + bearer);
        await (await viaToken.GetAsync("/api/v1/graphs")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        using var anonymous = api.CreateClient();
        await (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { apiKey = key }))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_api_key");
        // Revoking again changes nothing.
        (await api.OkAsync(HttpMethod.Delete, $"/api/v1/api-keys/{id}"))["revokedAt"]!.GetValue<DateTime>()
            .ShouldBe(revoked["revokedAt"]!.GetValue<DateTime>());
        (await api.AuditAsync()).Count(e => e.Type() == "api_key_revoked").ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_key_revoked_by_another_host_stops_working_here_within_the_time_a_key_is_remembered(string provider)
    {
        await using var here = await WeftApi.StartAsync(provider);
        var created = await here.OkAsync(HttpMethod.Post, "/api/v1/api-keys", new { name = "sync", scopes = new[] { "flow:read" } });
        var key = created["key"]!.GetValue<string>();
        var id = created["apiKey"]!["id"]!.GetValue<long>();
        // This host reads the key once and then remembers it.
        (await GetAsync(here, "ApiKey " + key, "/api/v1/graphs")).ShouldBe(HttpStatusCode.OK);

        await using (var there = await WeftApi.AttachAsync(here.Database, here.Clock))
            (await there.OkAsync(HttpMethod.Delete, $"/api/v1/api-keys/{id}"))["revokedAt"].ShouldNotBeNull();

        if (provider == DatabaseOptions.PostgresProvider)
        {
            // PostgreSQL relays the other host's change: the key stops working without the clock moving.
            for (var tries = 0; tries < 100 && await GetAsync(here, "ApiKey " + key, "/api/v1/graphs") == HttpStatusCode.OK; tries++)
                await Task.Delay(100);
        }
        else
        {
            // SQLite has no relay between processes: the key is read again once it has been remembered long enough.
            here.Clock.Advance(TimeSpan.FromSeconds(6));
        }
        (await GetAsync(here, "ApiKey " + key, "/api/v1/graphs")).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_tampered_or_malformed_key_is_refused(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var key = (await api.OkAsync(HttpMethod.Post, "/api/v1/api-keys", new { name = "k", scopes = new[] { "flow:read" } }))["key"]!.GetValue<string>();
        (await GetAsync(api, "ApiKey " + key, "/api/v1/graphs")).ShouldBe(HttpStatusCode.OK);

        var last = key[^1];
        var tampered = key[..^1] + (last == 'A' ? 'B' : 'A');
        var middle = key.Length - 10;
        var tamperedInside = key[..middle] + (key[middle] == 'x' ? 'y' : 'x') + key[(middle + 1)..];
        var parts = key.Split('.');
        foreach (var bad in new[]
        {
            tampered,
            tamperedInside,
            key[..^1],
            $"wk.2.{parts[2]}.{parts[3]}",        // the right secret under another tenant
            $"wk.1.{long.Parse(parts[2]) + 1}.{parts[3]}", // ... or another key's id
            "wk.1.1",
            "not-a-key",
        })
        {
            using var client = api.CreateClient("ApiKey " + bad);
            await (await client.GetAsync("/api/v1/graphs")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
            using var anonymous = api.CreateClient();
            await (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { apiKey = bad })).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_api_key");
        }
        // A scheme the host does not know is refused as well, rather than ignored.
        (await GetAsync(api, "Basic " + Convert.ToBase64String("admin:admin"u8.ToArray()), "/api/v1/graphs")).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_key_with_an_expiry_stops_working_when_the_hosts_clock_passes_it(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var expiresAt = api.Clock.GetUtcNow().UtcDateTime.AddHours(1);
        var created = await api.OkAsync(HttpMethod.Post, "/api/v1/api-keys", new { name = "temp", scopes = new[] { "flow:read" }, expiresAt });
        var key = created["key"]!.GetValue<string>();
        created["apiKey"]!["expiresAt"]!.GetValue<DateTime>().ShouldBe(expiresAt);
        var bearer = await ExchangeAsync(api, key);

        api.Clock.Advance(TimeSpan.FromMinutes(59));
        (await GetAsync(api, "ApiKey " + key, "/api/v1/graphs")).ShouldBe(HttpStatusCode.OK);
        api.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        (await GetAsync(api, "ApiKey " + key, "/api/v1/graphs")).ShouldBe(HttpStatusCode.Unauthorized);
        // The token obtained before the expiry (itself good for 15 minutes) ends with its key.
        (await GetAsync(api, "Bearer " + bearer, "/api/v1/graphs")).ShouldBe(HttpStatusCode.Unauthorized);

        // An expiry in the past is refused at creation.
        var past = api.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1);
        var refused = await (await api.PostAsync("/api/v1/api-keys", new { name = "stale", scopes = new[] { "flow:read" }, expiresAt = past }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        refused["errors"]!["expiresAt"].ShouldNotBeNull();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_token_endpoint_wants_a_key_or_a_password_not_both(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        using var anonymous = api.CreateClient();
        await (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { apiKey = api.AdminKey, email = WeftApi.AdminEmail, password = WeftApi.AdminPassword }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { email = WeftApi.AdminEmail }))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        await (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { email = "nobody@test.weft", password = "whatever-password" }))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        var token = await (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { email = WeftApi.AdminEmail.ToUpperInvariant(), password = WeftApi.AdminPassword }))
            .ShouldBeOkAsync(HttpStatusCode.OK);
        token["tokenType"]!.GetValue<string>().ShouldBe("Bearer");
        token["expiresAt"]!.GetValue<DateTime>().ShouldBe(api.Clock.GetUtcNow().UtcDateTime.AddMinutes(15));
    }

    private static async Task<string> ExchangeAsync(WeftApi api, string key)
    {
        using var anonymous = api.CreateClient();
        var body = await (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { apiKey = key })).ShouldBeOkAsync(HttpStatusCode.OK);
        return body["accessToken"]!.GetValue<string>();
    }

    private static async Task<HttpStatusCode> GetAsync(WeftApi api, string authorization, string url)
    {
        using var client = api.CreateClient(authorization);
        using var response = await client.GetAsync(url);
        return response.StatusCode;
    }
}
