using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Weft.Flow;
using Weft.Platform.Persistence;
using Weft.Flow.Contracts;
using Weft.Host.Security;
using Weft.Platform.Errors;

namespace Weft.Host.Cli;

/// <summary>
/// Commands an operator of the installation runs next to the host, against the configured database:
/// <c>tenants create --key acme [--name "Acme"] --admin-email a@acme.test [--admin-password …]</c>
/// and <c>admins create --tenant acme --email b@acme.test [--password …]</c>. A password not given
/// is generated and printed once.
/// </summary>
internal static class AdminCommands
{
    private static readonly string[] Options = ["--key", "--name", "--admin-email", "--admin-password", "--tenant", "--email", "--password"];

    public static bool Handles(string[] args) => args is ["tenants", "create", ..] or ["admins", "create", ..];

    public static async Task<int> RunAsync(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var config = new List<string>();
        for (var i = 2; i < args.Length; i++)
        {
            if (Options.Contains(args[i]) && i + 1 < args.Length) options[args[i][2..]] = args[++i];
            else config.Add(args[i]);
        }
        await using var app = WeftHost.Build([.. config]);
        var store = app.Services.GetRequiredService<SecurityStore>();
        await DatabaseSetup.PrepareAsync(app.Services.GetRequiredService<DatabaseOptions>());
        await FlowStore.Tables.MigrateAsync(app.Services);
        await app.Services.GetRequiredService<SecurityBootstrap>().MigrateAsync(CancellationToken.None);
        try
        {
            var (email, password, generated) = args[0] == "tenants"
                ? Credentials(options, "admin-email", "admin-password")
                : Credentials(options, "email", "password");
            TenantDto tenant;
            if (args[0] == "tenants")
            {
                var key = Get(options, "key");
                // The admin is checked first: a refused admin must not leave a tenant nobody can sign in to.
                await CheckNewAdminAsync(store, email, password);
                tenant = await store.CreateTenantAsync("cli", key, options.GetValueOrDefault("name"));
            }
            else
            {
                tenant = await store.FindTenantAsync(Get(options, "tenant")) ?? throw new ArgumentException($"There is no tenant '{options["tenant"]}'.");
            }
            await store.CreateUserAsync(tenant.Id, "cli", new CreateUserRequest(email, null, Roles.Admin, password, null));
            Console.WriteLine(args[0] == "tenants"
                ? $"Tenant '{tenant.Key}' (id {tenant.Id}) created with admin {email}."
                : $"Admin {email} created in tenant '{tenant.Key}'.");
            if (generated) Console.WriteLine($"Password (shown once): {password}");
            return 0;
        }
        catch (Exception e) when (e is ArgumentException or WeftException)
        {
            var details = e is WeftException { Details: IDictionary<string, string[]> errors }
                ? " " + string.Join(" ", errors.SelectMany(x => x.Value))
                : "";
            await Console.Error.WriteLineAsync(e.Message + details);
            return 2;
        }
    }

    private static async Task CheckNewAdminAsync(SecurityStore store, string email, string password)
    {
        var normalized = SecurityStore.NormalizeEmail(email) ?? throw new ArgumentException($"'{email}' is not an email address.");
        if (store.PasswordProblem(password) is { } problem) throw new ArgumentException(problem);
        await using var db = await store.ContextAsync();
        if (await db.Logins.AnyAsync(l => l.Email == normalized)) throw new ArgumentException($"'{normalized}' already has an account.");
    }

    private static string Get(Dictionary<string, string> options, string name) =>
        options.TryGetValue(name, out var v) ? v : throw new ArgumentException($"--{name} is required.");

    private static (string Email, string Password, bool Generated) Credentials(Dictionary<string, string> options, string email, string password)
    {
        var e = Get(options, email);
        if (options.TryGetValue(password, out var p)) return (e, p, false);
        return (e, Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_'), true);
    }
}
