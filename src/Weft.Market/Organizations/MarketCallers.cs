using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Weft.Market.Visibility;
using Weft.Platform.Web.Security;

namespace Weft.Market.Organizations;

/// <summary>
/// Who a signed-in caller is in the marketplace: a member of their organization (with their role) when they are one,
/// else the operator's staff when they may operate it, else nobody (they see the directory and nothing an organization owns).
/// </summary>
internal sealed class MarketCallers(MarketDb data)
{
    public async Task<MarketViewer> ViewerAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var tenant = user.TenantOf() ?? throw new InvalidOperationException("A market caller is signed in to a tenant.");
        var name = user.ActorOf() ?? "";
        var userId = UserIdOf(user);
        if (userId is { } id)
        {
            await using var db = await data.OpenAsync(tenant, MarketViewer.System, ct);
            var member = await db.Members.AsNoTracking().Where(m => m.UserId == id)
                .Select(m => new { m.OrganizationId, m.Role, m.Name }).FirstOrDefaultAsync(ct);
            if (member is not null) return MarketViewer.Member(member.OrganizationId, member.Role, id, member.Name);
        }
        return user.Can(MarketPermissions.Operate) ? MarketViewer.Staff(userId ?? 0, name) : MarketViewer.Nobody;
    }

    /// <summary>The identity module's user id of a person (subject <c>u:&lt;id&gt;</c>); null for API keys and services.</summary>
    public static long? UserIdOf(ClaimsPrincipal user) =>
        user.IsPerson() && long.TryParse(user.SubjectOf()![2..], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}
