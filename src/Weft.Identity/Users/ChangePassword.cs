using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Weft.Identity.Audit;
using Weft.Identity.Callers;
using Weft.Platform.Errors;

namespace Weft.Identity.Users;

/// <summary>A person changes their own password; their other sessions and tokens end.</summary>
internal sealed class ChangePassword(IdentityDb data, Passwords passwords)
{
    /// <summary>Changes the password and returns the new security stamp.</summary>
    public Task<string> HandleAsync(Caller caller, ChangePasswordRequest request, CancellationToken ct = default)
    {
        if (!caller.IsUser) throw WeftException.Forbidden("users_only", "Only a person signed in with a password can change it.");
        return data.ChangeAsync(caller.TenantId, async (db, _) =>
        {
            var id = caller.UserId;
            var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw UserMapping.NotFound(id);
            if (string.IsNullOrEmpty(request.CurrentPassword) || request.CurrentPassword.Length > 1024
                || passwords.Verify(user, request.CurrentPassword) == PasswordVerificationResult.Failed)
                throw WeftException.Forbidden("wrong_password", "The current password is not right.");
            passwords.Check(request.NewPassword, "newPassword");
            user.PasswordHash = passwords.Hash(user, request.NewPassword!);
            user.SecurityStamp = Passwords.NewStamp();
            user.UpdatedAt = data.Now;
            AuditTrail.Record(db, data.Now, caller.Actor, "password_changed", new { user = user.Email });
            await db.SaveChangesAsync(ct);
            return user.SecurityStamp;
        }, ct);
    }
}
