using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Weft.Identity.Tenants;
using Weft.Identity.Users;
using Weft.Platform.Errors;
using Weft.Platform.Web.Modules;
using Weft.Platform.Web.Security;

namespace Weft.Identity.Cli;

/// <summary>
/// <c>tenants create --key acme [--name "Acme"] --admin-email a@acme.test [--admin-password …]</c> and
/// <c>admins create --tenant acme --email b@acme.test [--password …]</c>. A password not given is
/// generated and printed once.
/// </summary>
internal static class TenantCommands
{
    public static IReadOnlyList<CliCommand> All =>
    [
        new("tenants", "create", ["key", "name", "admin-email", "admin-password"], (sp, o) => RunAsync(sp, o, creatingTenant: true)),
        new("admins", "create", ["tenant", "email", "password"], (sp, o) => RunAsync(sp, o, creatingTenant: false)),
    ];

    private static async Task<int> RunAsync(IServiceProvider services, IReadOnlyDictionary<string, string> options, bool creatingTenant)
    {
        var tenants = services.GetRequiredService<TenantDirectory>();
        try
        {
            var (email, password, generated) = creatingTenant
                ? Credentials(options, "admin-email", "admin-password")
                : Credentials(options, "email", "password");
            TenantDto tenant;
            if (creatingTenant)
            {
                var key = Get(options, "key");
                // The admin is checked first: a refused admin must not leave a tenant nobody can sign in to.
                await CheckNewAdminAsync(services, email, password);
                tenant = await tenants.CreateAsync("cli", key, options.GetValueOrDefault("name"));
            }
            else
            {
                tenant = await tenants.FindAsync(Get(options, "tenant")) ?? throw new ArgumentException($"There is no tenant '{options["tenant"]}'.");
            }
            await services.GetRequiredService<CreateUser>().HandleAsync(tenant.Id, "cli", new CreateUserRequest(email, null, Roles.Admin, password, null));
            Console.WriteLine(creatingTenant
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

    private static async Task CheckNewAdminAsync(IServiceProvider services, string email, string password)
    {
        var normalized = Passwords.NormalizeEmail(email) ?? throw new ArgumentException($"'{email}' is not an email address.");
        if (services.GetRequiredService<Passwords>().Problem(password) is { } problem) throw new ArgumentException(problem);
        await using var db = await services.GetRequiredService<IdentityDb>().OpenAsync();
        if (await db.Logins.AnyAsync(l => l.Email == normalized)) throw new ArgumentException($"'{normalized}' already has an account.");
    }

    private static string Get(IReadOnlyDictionary<string, string> options, string name) =>
        options.TryGetValue(name, out var v) ? v : throw new ArgumentException($"--{name} is required.");

    private static (string Email, string Password, bool Generated) Credentials(IReadOnlyDictionary<string, string> options, string email, string password)
    {
        var e = Get(options, email);
        if (options.TryGetValue(password, out var p)) return (e, p, false);
        return (e, Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_'), true);
    }
}
