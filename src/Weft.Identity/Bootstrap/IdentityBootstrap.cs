using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Weft.Identity.AccessTokens;
using Weft.Identity.Tenants;
using Weft.Identity.Users;
using Weft.Platform.Web.Hosting;
using Weft.Platform.Web.Security;

namespace Weft.Identity.Bootstrap;

/// <summary>
/// Makes sure someone can sign in: demo mode gives the demo tenant one user per role; otherwise the
/// first start creates a tenant and its admin. Also loads (or makes) the access-token signing key.
/// </summary>
internal sealed class IdentityBootstrap(
    IdentityDb data,
    TenantDirectory tenants,
    CreateUser createUser,
    AccessTokenIssuer tokens,
    IConfiguration config,
    IHostEnvironment env,
    ILogger<IdentityBootstrap> logger)
{
    public const string DefaultDemoPassword = "weft-demo-password";
    private const string System = "system";

    public async Task StartAsync(CancellationToken ct)
    {
        await tokens.InitializeAsync(ct);
        await using var db = await data.OpenAsync(ct: ct);
        if (!await db.Logins.AnyAsync(ct)) await CreateFirstAdminAsync(ct);
    }

    public async Task SeedDemoAsync(long tenant, CancellationToken ct)
    {
        var password = config["Weft:Demo:Password"] is { Length: > 0 } p ? p : DefaultDemoPassword;
        (string Email, string Name, string Role, string? Agent)[] people =
        [
            ("admin@weft.demo", "Ada Admin", Roles.Admin, null),
            ("manager@weft.demo", "Mona Manager", Roles.Manager, null),
            ("operator@weft.demo", "Alice Martin", Roles.Operator, "alice"),
            ("viewer@weft.demo", "Victor Viewer", Roles.Viewer, null),
        ];
        await using var db = await data.OpenAsync(ct: ct);
        foreach (var (email, name, role, agent) in people)
        {
            if (await db.Logins.AnyAsync(l => l.Email == email, ct)) continue;
            await createUser.HandleAsync(tenant, System, new CreateUserRequest(email, name, role, password, agent), ct);
        }
        logger.LogInformation("Demo users ready: admin@, manager@, operator@, viewer@weft.demo (password from Weft:Demo:Password)");
    }

    private async Task CreateFirstAdminAsync(CancellationToken ct)
    {
        var key = config["Weft:Bootstrap:Tenant"] is { Length: > 0 } k ? k : "default";
        var tenant = await tenants.FindAsync(key, ct) ?? await tenants.CreateAsync(System, key, config["Weft:Bootstrap:TenantName"], ct);
        var email = config["Weft:Bootstrap:AdminEmail"] is { Length: > 0 } e ? e : "admin@localhost";
        var password = config["Weft:Bootstrap:AdminPassword"];
        string? writtenTo = null;
        if (string.IsNullOrEmpty(password))
        {
            password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
            var folder = WeftApplication.DataPath(config, env);
            Directory.CreateDirectory(folder);
            writtenTo = Path.Combine(folder, "initial-admin-password.txt");
            await File.WriteAllTextAsync(writtenTo, password + Environment.NewLine, ct);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(writtenTo, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        await createUser.HandleAsync(tenant.Id, System, new CreateUserRequest(email, "Administrator", Roles.Admin, password, null), ct);
        if (writtenTo is null)
            logger.LogWarning("First start: created tenant '{Tenant}' and admin {Email} with the password from Weft:Bootstrap:AdminPassword", key, email);
        else
            logger.LogWarning("First start: created tenant '{Tenant}' and admin {Email}; the generated password is in {File} (change it after signing in)",
                key, email, writtenTo);
    }
}
