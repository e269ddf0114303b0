using System.Security.Claims;
using Weft.Platform.Web.Security;
using Weft.Platform.Web.Ui;

namespace Weft.Identity.Callers;

/// <summary>A live page's caller, read again from the database before the page acts (as every API request is).</summary>
internal sealed class CallerRefresher(CallerLoader callers) : ICallerRefresher
{
    public async Task<ClaimsPrincipal?> RefreshAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        if (principal.TenantOf() is not { } tenant || principal.SubjectOf() is not { } subject) return null;
        var caller = await callers.LoadAsync(tenant, subject, principal.FindFirst(WeftClaims.Stamp)?.Value, ct);
        return caller?.ToPrincipal(principal.SchemeOf() ?? WeftClaims.CookieScheme);
    }
}
