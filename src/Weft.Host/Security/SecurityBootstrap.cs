using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Weft.Flow;
using Weft.Host.Demo;

namespace Weft.Host.Security;

/// <summary>
/// Brings the security tables up to date and makes sure someone can sign in: demo mode seeds the
/// demo tenant with one user per role; otherwise the first start creates a tenant and its admin.
/// </summary>
internal sealed class SecurityBootstrap(
    IDbContextFactory<SecurityDbContext> contexts,
    IServiceProvider services,
    SecurityStore store,
    AccessTokens tokens,
    FlowEngines engines,
    IConfiguration config,
    IHostEnvironment env,
    TimeProvider clock,
    ILogger<SecurityBootstrap> logger)
{
    public const string DemoTenant = "demo";
    public const string DefaultDemoPassword = "weft-demo-password";
    private const string System = "system";

    public async Task MigrateAsync(CancellationToken ct)
    {
        await SecurityDbContext.Tables.MigrateAsync(services, ct: ct);
    }

    public async Task RunAsync(bool demo, CancellationToken ct)
    {
        await tokens.InitializeAsync(ct);
        if (demo) await SeedDemoAsync(ct);
        if (!await store.AnyUserAsync(ct)) await CreateFirstAdminAsync(ct);
    }

    private async Task SeedDemoAsync(CancellationToken ct)
    {
        var tenant = await store.FindTenantAsync(DemoTenant, ct) ?? await store.CreateTenantAsync(System, DemoTenant, "Weft demo", ct);
        await DemoData.SeedAsync(engines.For(tenant.Id), clock, logger);
        var password = config["Weft:Demo:Password"] is { Length: > 0 } p ? p : DefaultDemoPassword;
        (string Email, string Name, string Role, string? Agent)[] people =
        [
            ("admin@weft.demo", "Ada Admin", Roles.Admin, null),
            ("manager@weft.demo", "Mona Manager", Roles.Manager, null),
            ("operator@weft.demo", "Alice Martin", Roles.Operator, "alice"),
            ("viewer@weft.demo", "Victor Viewer", Roles.Viewer, null),
        ];
        await using var db = await contexts.CreateDbContextAsync(ct);
        foreach (var (email, name, role, agent) in people)
        {
            if (await db.Logins.AnyAsync(l => l.Email == email, ct)) continue;
            await store.CreateUserAsync(tenant.Id, System, new CreateUserRequest(email, name, role, password, agent), ct);
        }
        logger.LogInformation("Demo users ready: admin@, manager@, operator@, viewer@weft.demo (password from Weft:Demo:Password)");
    }

    private async Task CreateFirstAdminAsync(CancellationToken ct)
    {
        var key = config["Weft:Bootstrap:Tenant"] is { Length: > 0 } k ? k : "default";
        var tenant = await store.FindTenantAsync(key, ct) ?? await store.CreateTenantAsync(System, key, config["Weft:Bootstrap:TenantName"], ct);
        var email = config["Weft:Bootstrap:AdminEmail"] is { Length: > 0 } e ? e : "admin@localhost";
        var password = config["Weft:Bootstrap:AdminPassword"];
        string? writtenTo = null;
        if (string.IsNullOrEmpty(password))
        {
            password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
            var folder = config["Weft:DataPath"] ?? Path.Combine(env.ContentRootPath, "data");
            Directory.CreateDirectory(folder);
            writtenTo = Path.Combine(folder, "initial-admin-password.txt");
            await File.WriteAllTextAsync(writtenTo, password + Environment.NewLine, ct);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(writtenTo, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        await store.CreateUserAsync(tenant.Id, System, new CreateUserRequest(email, "Administrator", Roles.Admin, password, null), ct);
        if (writtenTo is null)
            logger.LogWarning("First start: created tenant '{Tenant}' and admin {Email} with the password from Weft:Bootstrap:AdminPassword", key, email);
        else
            logger.LogWarning("First start: created tenant '{Tenant}' and admin {Email}; the generated password is in {File} (change it after signing in)",
                key, email, writtenTo);
    }
}
