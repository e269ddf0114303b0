using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Weft.Host.Tests.Infrastructure;
using Weft.Identity.Persistence;
using Weft.Platform.Persistence;
using Weft.Platform.Tenancy;
using Weft.Testing;
using static Weft.Host.Tests.Infrastructure.SignInKit;

namespace Weft.Host.Tests;

/// <summary>
/// A database written by the identity module's first release (its <c>weft_*</c> security tables, its audit
/// entries kept in the engine's event log) is upgraded in place: its people sign in with their passwords,
/// its keys and sessions still work, and the audit trail goes on where it stopped.
/// </summary>
public sealed class UpgradingTheIdentityTables
{
    private const string Security = "20261121100001_Security";
    private const string IdentityTables = "20261129190619_IdentityTables";
    private const string SignInProviders = "20261204200739_SignInProviders";

    private const string AdaEmail = "ada@acme.test";
    private const string AdaPassword = "ada-first-release-1";
    private const string AdaStamp = "5E0C3F1A9B7D4E2C8A6F0B1D3C5E7A90";
    private const string VeraEmail = "vera@acme.test";
    private const string KeySecret = "first-release-key-secret-0123456789abcdef";

    private static readonly DateTime Then = new(2026, 10, 1, 9, 30, 0, DateTimeKind.Utc);
    private static readonly byte[] SigningKey = SHA512.HashData("the first release's signing key"u8);

    /// <summary>The audit entries the first release wrote to the engine's event log, oldest first (the engine's own event left out).</summary>
    private static readonly string[] OldAuditTypes = ["user_created", "user_signed_in", "graph_published", "user_created", "api_key_created"];

    private static IReadOnlyList<ModuleStore> Stores => Modules.All.SelectMany(m => m.Stores).ToList();

    private static ModuleStore Identity => IdentityDbContext.Tables;

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Data_written_before_the_upgrade_is_intact_and_usable_after_it(string provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        FirstRelease old;
        await using (var services = Services(database))
        {
            await MigrateToFirstReleaseAsync(services);
            old = await WriteFirstReleaseDataAsync(database);

            foreach (var store in Stores) await store.MigrateAsync(services);
            (await Identity.AppliedMigrationsAsync(services)).ShouldBe([Security, IdentityTables, SignInProviders]);
        }

        var clock = new ManualClock();
        // A session the first release issued just before the upgrade: signed with the key it kept, carrying Ada's stamp.
        var session = MintToken(SigningKey, 1, $"u:{old.AdaId}", AdaStamp, clock.GetUtcNow().UtcDateTime);
        // No configured signing key, so the host signs with the one the database keeps; and no test admin: the people are the first release's.
        await using var api = await WeftApi.AttachAsync(database, clock, new Dictionary<string, string?> { ["Weft:Auth:SigningKey"] = "" }, signInAdmin: false);

        using (var earlier = api.CreateClient("Bearer " + session))
        {
            var me = await (await earlier.GetAsync("/api/v1/auth/me")).ShouldBeOkAsync(HttpStatusCode.OK);
            me["email"]!.GetValue<string>().ShouldBe(AdaEmail);
        }

        // Ada, the admin, signs in with the password she had; the host made no admin of its own, since people exist.
        var ada = new WeftCaller(api.CreateClient("Bearer " + await api.TokenAsync(AdaEmail, AdaPassword)));
        await (await api.SignInAsync(WeftApi.AdminEmail, WeftApi.AdminPassword)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        var adaMe = await ada.OkAsync(HttpMethod.Get, "/api/v1/auth/me");
        adaMe["tenant"]!.GetValue<long>().ShouldBe(1);
        adaMe["tenantKey"]!.GetValue<string>().ShouldBe("acme");
        adaMe["role"]!.GetValue<string>().ShouldBe("admin");
        (adaMe["agent"]?.GetValue<string>()).ShouldBe("ada");

        var users = (await ada.OkAsync(HttpMethod.Get, "/api/v1/users"))["items"]!.AsArray().Select(u => u!).ToList();
        users.Select(u => (u["id"]!.GetValue<long>(), u["email"]!.GetValue<string>(), u["name"]!.GetValue<string>(),
                u["role"]!.GetValue<string>(), u["agent"]?.GetValue<string>(), u["createdAt"]!.GetValue<DateTime>()))
            .ShouldBe([
                (old.AdaId, AdaEmail, "Ada Lovelace", "admin", "ada", Then),
                (old.VeraId, VeraEmail, "Vera Rubin", "viewer", null, Then.AddMinutes(20)),
            ]);

        // The key a program was given keeps working, with the scopes it was given and no others.
        using var program = api.CreateClient($"ApiKey wk.1.{old.KeyId}.{KeySecret}");
        var programMe = await (await program.GetAsync("/api/v1/auth/me")).ShouldBeOkAsync(HttpStatusCode.OK);
        programMe["kind"]!.GetValue<string>().ShouldBe("api-key");
        programMe["actor"]!.GetValue<string>().ShouldBe($"api-key:{old.KeyId}:erp-sync");
        programMe["permissions"]!.AsArray().Select(p => p!.GetValue<string>())
            .ShouldBe(["admin", "flow:read", "flow:work", "flow:manage"], ignoreOrder: true);
        var key = await new WeftCaller(program).OkAsync(HttpMethod.Get, $"/api/v1/api-keys/{old.KeyId}");
        key["scopes"]!.AsArray().Select(s => s!.GetValue<string>()).ShouldBe(["flow:write", "admin"]);
        key["createdBy"]!.GetValue<string>().ShouldBe(AdaEmail);
        key["createdAt"]!.GetValue<DateTime>().ShouldBe(Then.AddMinutes(30));
        key["revokedAt"].ShouldBeNull();
        using (var forged = api.CreateClient($"ApiKey wk.1.{old.KeyId}.{new string('x', KeySecret.Length)}"))
            await (await forged.GetAsync("/api/v1/auth/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");

        // The old entries lead the trail in the order they were written, without the engine's own event; Ada's sign-in follows.
        var now = clock.GetUtcNow().UtcDateTime;
        var trail = await AuditAsync(api, ada);
        trail.Select(e => (e.Type(), e["at"]!.GetValue<DateTime>(), e.Actor())).ShouldBe([
            ("user_created", Then, "system"),
            ("user_signed_in", Then.AddMinutes(1), AdaEmail),
            ("graph_published", Then.AddMinutes(5), AdaEmail),
            ("user_created", Then.AddMinutes(20), AdaEmail),
            ("api_key_created", Then.AddMinutes(30), AdaEmail),
            ("user_signed_in", now, AdaEmail),
        ]);
        Data(trail[0]).ShouldBe(Json($$"""{"user":"{{AdaEmail}}","role":"admin","agent":"ada"}"""));
        Data(trail[1]).ShouldBe(Json("""{"from":"10.0.0.7"}"""));
        trail[2]["data"].ShouldBeNull();
        Data(trail[3]).ShouldBe(Json($$"""{"user":"{{VeraEmail}}","role":"viewer","agent":null}"""));
        Data(trail[4]).ShouldBe(Json($$"""{"id":{{old.KeyId}},"name":"erp-sync","scopes":["flow:write","admin"],"agent":null}"""));

        // A change made now is recorded after them.
        await ada.OkAsync(HttpMethod.Post, "/api/v1/users", new { email = "nils@acme.test", name = "Nils Bohr", role = "operator", password = Password });
        var after = await AuditAsync(api, ada);
        after.Take(trail.Count).Select(e => e["id"]!.GetValue<long>()).ShouldBe(trail.Select(e => e["id"]!.GetValue<long>()));
        var created = after.Skip(trail.Count).ShouldHaveSingleItem();
        (created.Type(), created.Actor()).ShouldBe(("user_created", AdaEmail));
        created["data"]!["user"]!.GetValue<string>().ShouldBe("nils@acme.test");
        created["id"]!.GetValue<long>().ShouldBeGreaterThan(trail[^1]["id"]!.GetValue<long>());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Migrating_an_up_to_date_identity_store_again_changes_nothing(string provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        await using var services = Services(database);
        await MigrateToFirstReleaseAsync(services);
        await WriteFirstReleaseDataAsync(database);
        foreach (var store in Stores) await store.MigrateAsync(services);
        var before = await IdentityRowsAsync(services);
        (await AuditTypesAsync(services)).ShouldBe(OldAuditTypes);

        foreach (var store in Stores) await store.MigrateAsync(services);

        (await Identity.AppliedMigrationsAsync(services)).ShouldBe([Security, IdentityTables, SignInProviders]);
        (await AuditTypesAsync(services)).ShouldBe(OldAuditTypes);
        SecurityFixtures.ShouldBeUnchanged(before, await IdentityRowsAsync(services), "The identity tables");
    }

    private static ServiceProvider Services(TestDatabase database)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddWeftDatabase(database.Options);
        foreach (var store in Stores) store.Register(services);
        return services.BuildServiceProvider();
    }

    /// <summary>The stores before identity's fully, as the app migrates them first; identity's only to its first release.</summary>
    private static async Task MigrateToFirstReleaseAsync(IServiceProvider services)
    {
        foreach (var store in Stores.TakeWhile(s => s != Identity)) await store.MigrateAsync(services);
        await Identity.MigrateAsync(services, Security);
        (await Identity.AppliedMigrationsAsync(services)).ShouldBe([Security]);
    }

    private static async Task<List<JsonNode>> AuditAsync(WeftApi api, WeftCaller admin)
    {
        await api.DrainEventsAsync();
        return (await admin.OkAsync(HttpMethod.Get, "/api/v1/audit?limit=500"))["items"]!.AsArray().Select(e => e!).ToList();
    }

    private static string? Data(JsonNode entry) => entry["data"]?.ToJsonString();

    private static string Json(string json) => JsonNode.Parse(json)!.ToJsonString();

    private static async Task<List<string>> AuditTypesAsync(IServiceProvider services)
    {
        await using var db = (IdentityDbContext)await Identity.CreateAsync(services, tenant: 1);
        return await db.Audit.AsNoTracking().OrderBy(a => a.Id).Select(a => a.Type).ToListAsync();
    }

    /// <summary>Every row of the identity tables (tenant 1's, and the installation's), as text.</summary>
    private static async Task<string> IdentityRowsAsync(IServiceProvider services)
    {
        await using var db = (IdentityDbContext)await Identity.CreateAsync(services, tenant: 1);
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["tenants"] = await db.Tenants.AsNoTracking().OrderBy(x => x.Id).ToListAsync(),
            ["logins"] = await db.Logins.AsNoTracking().OrderBy(x => x.Email).ToListAsync(),
            ["settings"] = await db.Settings.AsNoTracking().OrderBy(x => x.Name).ToListAsync(),
            ["users"] = await db.Users.AsNoTracking().OrderBy(x => x.Id).ToListAsync(),
            ["api_keys"] = await db.ApiKeys.AsNoTracking().OrderBy(x => x.Id).ToListAsync(),
            ["audit"] = await db.Audit.AsNoTracking().OrderBy(x => x.Id).ToListAsync(),
        }, new JsonSerializerOptions { WriteIndented = true });
    }

    private sealed record FirstRelease(long AdaId, long VeraId, long KeyId);

    /// <summary>Writes rows the way the first release's schema holds them, column by column, with plain SQL.</summary>
    private static async Task<FirstRelease> WriteFirstReleaseDataAsync(TestDatabase database)
    {
        await using var conn = await RawSql.OpenAsync(database);
        // Tenant rows pass PostgreSQL's row-level security only on a connection set to their tenant.
        await TenantRowSecurity.ApplyAsync(conn, 1);
        await using var tx = await conn.BeginTransactionAsync();

        Task<object?> RunAsync(string sql, params (string Name, object? Value)[] values) => RawSql.ScalarAsync(conn, tx, sql, values);

        async Task<long> UserAsync(string email, string name, string password, string role, string? agent, string stamp, DateTime at, DateTime? signedIn)
        {
            var id = Convert.ToInt64(await RunAsync(
                "INSERT INTO weft_users (tenant_id, email, name, password_hash, role, agent_key, security_stamp, failed_sign_ins, locked_until, " +
                "disabled, created_at, updated_at, last_sign_in_at, version) " +
                "VALUES (1, @email, @name, @hash, @role, @agent, @stamp, 0, NULL, @disabled, @at, @at, @signedIn, 0) RETURNING id",
                ("email", email), ("name", name), ("hash", new PasswordHasher<UserRecord>().HashPassword(new UserRecord(), password)),
                ("role", role), ("agent", agent), ("stamp", stamp), ("disabled", false), ("at", at), ("signedIn", signedIn)));
            await RunAsync("INSERT INTO weft_logins (email, tenant_id, user_id) VALUES (@email, 1, @id)", ("email", email), ("id", id));
            return id;
        }

        async Task EventAsync(string type, DateTime at, string actor, string? dataJson, string? graph = null, int? version = null) =>
            await RunAsync(
                "INSERT INTO flow_events (tenant_id, type, at, actor, graph_key, graph_version, job_id, token_id, work_item_id, node_key, data_json) " +
                "VALUES (1, @type, @at, @actor, @graph, @version, NULL, NULL, NULL, NULL, @data)",
                ("type", type), ("at", at), ("actor", actor), ("graph", graph), ("version", version), ("data", dataJson));

        var tenant = Convert.ToInt64(await RunAsync(
            "INSERT INTO weft_tenants (\"key\", name, created_at) VALUES ('acme', 'Acme', @at) RETURNING id", ("at", Then)));
        tenant.ShouldBe(1);
        await RunAsync(
            "INSERT INTO flow_agents (tenant_id, \"key\", name, kind, capabilities_json, wip_limit, status, version, created_at, updated_at, idle_since) " +
            "VALUES (1, 'ada', 'Ada Lovelace', 'person', @caps, 2, 'available', 0, @at, @at, @at)",
            ("caps", """[{"name":"stitching","level":2}]"""), ("at", Then));
        var adaId = await UserAsync(AdaEmail, "Ada Lovelace", AdaPassword, "admin", "ada", AdaStamp, Then, Then.AddMinutes(1));
        await EventAsync("user_created", Then, "system", $$"""{"user":"{{AdaEmail}}","role":"admin","agent":"ada"}""");
        await EventAsync("user_signed_in", Then.AddMinutes(1), AdaEmail, """{"from":"10.0.0.7"}""");
        await EventAsync("graph_published", Then.AddMinutes(5), AdaEmail, null, "bag", 1);
        // The engine's own event, not an audit entry: it stays in the engine's log only.
        await EventAsync("work_item_completed", Then.AddMinutes(10), "ada", """{"outcome":null}""", "bag", 1);
        var veraId = await UserAsync(VeraEmail, "Vera Rubin", "vera-first-release-1", "viewer", null, "0B9D2E4F6A8C1E3D5F7A9B0C2D4E6F81",
            Then.AddMinutes(20), null);
        await EventAsync("user_created", Then.AddMinutes(20), AdaEmail, $$"""{"user":"{{VeraEmail}}","role":"viewer","agent":null}""");
        var keyId = Convert.ToInt64(await RunAsync(
            "INSERT INTO weft_api_keys (tenant_id, name, secret_hash, scopes, agent_key, created_by, created_at, expires_at, revoked_at, revoked_by) " +
            "VALUES (1, 'erp-sync', @hash, 'flow:write admin', NULL, @by, @at, NULL, NULL, NULL) RETURNING id",
            ("hash", Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(KeySecret)))), ("by", AdaEmail), ("at", Then.AddMinutes(30))));
        await EventAsync("api_key_created", Then.AddMinutes(30), AdaEmail,
            $$"""{"id":{{keyId}},"name":"erp-sync","scopes":["flow:write","admin"],"agent":null}""");
        await RunAsync("INSERT INTO weft_settings (name, value) VALUES ('jwt_signing_key', @value)", ("value", Convert.ToBase64String(SigningKey)));
        await tx.CommitAsync();
        return new FirstRelease(adaId, veraId, keyId);
    }
}
