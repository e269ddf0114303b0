using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Weft.Platform.Web.Security;
using Weft.Platform.Web.Ui;

namespace Weft.Identity.Users;

/// <summary>On an admin's home page: people locked out by failed sign-ins.</summary>
internal sealed class IdentityFigures(IdentityDb data) : IHomeFigures
{
    public IReadOnlyCollection<string> Tables => ["identity_users"];

    public async Task<IReadOnlyList<HomeFigure>> ForAsync(ClaimsPrincipal caller, CancellationToken ct)
    {
        if (!caller.Can(PlatformPermissions.Admin) || caller.TenantOf() is not { } tenant) return [];
        await using var db = await data.OpenAsync(tenant, ct);
        var now = data.Now;
        var locked = await db.Users.CountAsync(u => !u.Disabled && u.LockedUntil != null && u.LockedUntil > now, ct);
        return [new HomeFigure("Locked accounts", locked, "People locked out by failed sign-ins; they can try again later, or an admin resets their password.", "/admin/users", Urgent: true, Order: 80)];
    }
}
