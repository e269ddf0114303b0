using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Weft.Identity.Audit;
using Weft.Identity.Callers;
using Weft.Identity.Persistence;
using Weft.Identity.Users;
using Weft.Platform.Errors;

namespace Weft.Identity.ExternalSignIn;

/// <summary>
/// Turns a provider's identity into one of the tenant's people. The first time, the provider's verified
/// email must be a person's here, and the account is linked (provider and subject); after that the
/// subject alone finds them, whatever their email at the provider has become. Nobody is made unless the
/// provider says so (<paramref name="provisionRole"/>), and never with an email another tenant's person has.
/// Every attempt is in the audit trail, written with the change it records.
/// </summary>
internal sealed class ExternalAccounts(IdentityDb data, CallerLoader callers, Passwords passwords)
{
    public async Task<Caller> SignInAsync(long tenant, string provider, string? provisionRole, ExternalIdentity identity, string from, CancellationToken ct = default)
    {
        if (identity.Subject is not { Length: <= 256 } subject) throw Refused(ExternalSignInFailures.NoSubject);
        var (caller, refusal) = await data.ChangeAsync<(Caller? Caller, string? Refusal)>(tenant, async (db, _) =>
        {
            var link = await db.ExternalLogins.FirstOrDefaultAsync(l => l.Provider == provider && l.Subject == subject, ct);
            UserRecord? user;
            if (link is not null)
            {
                user = await db.Users.FirstOrDefaultAsync(u => u.Id == link.UserId, ct);
            }
            else
            {
                var email = Passwords.NormalizeEmail(identity.Email);
                var actor = email ?? $"{provider}:{subject}";
                if (email is null || !identity.EmailVerified)
                    return await FailAsync(db, actor, provider, ExternalSignInFailures.EmailNotVerified, from, ct);
                user = await db.Users.FirstOrDefaultAsync(u => u.Email == email, ct);
                if (user is null && provisionRole is not null && !await db.Logins.AnyAsync(l => l.Email == email, ct))
                    user = await ProvisionAsync(db, tenant, email, identity.Name, provisionRole, provider, ct);
                if (user is null) return await FailAsync(db, actor, provider, ExternalSignInFailures.UnknownAccount, from, ct);
                if (await db.ExternalLogins.AnyAsync(l => l.UserId == user.Id && l.Provider == provider, ct))
                    return await FailAsync(db, user.Email, provider, ExternalSignInFailures.LinkedElsewhere, from, ct);
                db.ExternalLogins.Add(new ExternalLoginRecord { Provider = provider, Subject = subject, UserId = user.Id, CreatedAt = data.Now });
                AuditTrail.Record(db, data.Now, user.Email, "external_login_linked", new { provider, subject });
            }
            if (user is null || user.Disabled)
                return await FailAsync(db, user?.Email ?? $"{provider}:{subject}", provider, ExternalSignInFailures.AccountDisabled, from, ct);
            user.LastSignInAt = data.Now;
            AuditTrail.Record(db, data.Now, user.Email, "user_signed_in", new { from, provider });
            await db.SaveChangesAsync(ct);
            return (callers.Of(user), null);
        }, ct);
        return caller ?? throw Refused(refusal!);
    }

    /// <summary>A person with no password anyone knows: they sign in through the provider, until an admin gives them one.</summary>
    private async Task<UserRecord> ProvisionAsync(IdentityDbContext db, long tenant, string email, string? name, string role, string provider, CancellationToken ct)
    {
        var user = new UserRecord
        {
            Email = email,
            Name = name ?? email,
            Role = role,
            SecurityStamp = Passwords.NewStamp(),
            CreatedAt = data.Now,
            UpdatedAt = data.Now,
        };
        user.PasswordHash = passwords.Hash(user, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        db.Users.Add(user);
        await db.SaveChangesAsync(ct);
        db.Logins.Add(new LoginRecord { Email = email, TenantId = tenant, UserId = user.Id });
        AuditTrail.Record(db, data.Now, "sign-in-provider:" + provider, "user_created", new { user = email, role, provider });
        return user;
    }

    // The refusal is decided inside the transaction but thrown after its commit, so the failure is recorded.
    private async Task<(Caller?, string?)> FailAsync(IdentityDbContext db, string actor, string provider, string reason, string from, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        AuditTrail.Record(db, data.Now, actor, "sign_in_failed", new { reason, provider, from });
        await db.SaveChangesAsync(ct);
        return (null, reason);
    }

    private static WeftException Refused(string code) =>
        WeftException.Unauthorized(code, ExternalSignInFailures.MessageOf(code) ?? "Sign-in was refused.");
}
