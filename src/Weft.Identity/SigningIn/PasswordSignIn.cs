using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Weft.Identity.Audit;
using Weft.Identity.Callers;
using Weft.Identity.Persistence;
using Weft.Identity.Users;
using Weft.Platform.Errors;

namespace Weft.Identity.SigningIn;

/// <summary>
/// Checks an email and password. Repeated failures lock the account for a while; while locked, even
/// the right password is refused. An unknown email costs the same hashing work as a known one.
/// Every attempt is in the audit trail, written with the change it records.
/// </summary>
internal sealed class PasswordSignIn(IdentityDb data, Passwords passwords, CallerLoader callers, SignInPolicy options)
{
    public Task<Caller> SignInAsync(string? email, string? password, string? from, CancellationToken ct = default) =>
        Attempt(email, password, from, ct);

    private async Task<Caller> Attempt(string? email, string? password, string? from, CancellationToken ct)
    {
        var normalized = Passwords.NormalizeEmail(email);
        if (normalized is null || string.IsNullOrEmpty(password) || password.Length > 1024)
            throw InvalidCredentials();
        LoginRecord? login;
        await using (var directory = await data.OpenAsync(ct: ct))
            login = await directory.Logins.AsNoTracking().FirstOrDefaultAsync(l => l.Email == normalized, ct);
        if (login is null)
        {
            passwords.VerifyNobody(password);
            throw InvalidCredentials();
        }

        // The refusal is decided inside the transaction but thrown after its commit, so the failure is recorded.
        var (caller, refusal) = await data.ChangeAsync<(Caller? Caller, WeftException? Refusal)>(login.TenantId, async (db, _) =>
        {
            var user = await db.Users.FirstOrDefaultAsync(u => u.Id == login.UserId, ct);
            if (user is null || user.Disabled)
            {
                passwords.VerifyNobody(password);
                return (null, InvalidCredentials());
            }
            if (user.LockedUntil is { } until && until > data.Now)
            {
                AuditTrail.Record(db, data.Now, user.Email, "sign_in_failed", new { reason = "locked", from });
                await db.SaveChangesAsync(ct);
                return (null, Locked(until));
            }
            var verdict = passwords.Verify(user, password);
            if (verdict == PasswordVerificationResult.Failed)
            {
                // Counted in the database, so concurrent attempts cannot slip past the limit.
                await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.FailedSignIns, u => u.FailedSignIns + 1), ct);
                var failures = await db.Users.Where(u => u.Id == user.Id).Select(u => u.FailedSignIns).FirstAsync(ct);
                AuditTrail.Record(db, data.Now, user.Email, "sign_in_failed", new { reason = "password", from });
                DateTime? lockedUntil = null;
                if (failures >= options.MaxFailedSignIns)
                {
                    lockedUntil = data.Now + options.Lockout;
                    await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s
                        .SetProperty(u => u.FailedSignIns, 0)
                        .SetProperty(u => u.LockedUntil, lockedUntil), ct);
                    AuditTrail.Record(db, data.Now, user.Email, "user_locked_out", new { until = lockedUntil, failures, from });
                }
                await db.SaveChangesAsync(ct);
                return (null, lockedUntil is { } l ? Locked(l) : InvalidCredentials());
            }
            if (verdict == PasswordVerificationResult.SuccessRehashNeeded) user.PasswordHash = passwords.Hash(user, password);
            user.FailedSignIns = 0;
            user.LockedUntil = null;
            user.LastSignInAt = data.Now;
            AuditTrail.Record(db, data.Now, user.Email, "user_signed_in", new { from });
            await db.SaveChangesAsync(ct);
            return (callers.Of(user), null);
        }, ct);
        return caller ?? throw refusal!;
    }

    public async Task RecordSignOutAsync(long tenant, string actor, CancellationToken ct = default)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        AuditTrail.Record(db, data.Now, actor, "user_signed_out", null);
        await db.SaveChangesAsync(ct);
    }

    private static WeftException InvalidCredentials() =>
        WeftException.Unauthorized("invalid_credentials", "The email or password is not right.");

    private static WeftException Locked(DateTime until) =>
        WeftException.Unauthorized("account_locked",
            $"Too many failed sign-ins: the account is locked until {until.ToString("u", CultureInfo.InvariantCulture)}.");
}
