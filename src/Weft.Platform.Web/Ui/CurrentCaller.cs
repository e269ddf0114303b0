using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Weft.Platform.Errors;
using Weft.Platform.Web.Security;

namespace Weft.Platform.Web.Ui;

/// <summary>
/// Who is using a page. Before a page changes anything it asks here for the permission the API
/// endpoint of the same use case asks for, checked against the database's current state, so the page
/// allows exactly what the API allows.
/// </summary>
public sealed class CurrentCaller(AuthenticationStateProvider authentication, ICallerRefresher refresher)
{
    /// <summary>The caller as they were when the page opened (for display and for what the page subscribes to).</summary>
    public async Task<ClaimsPrincipal> OpenedAsAsync() => (await authentication.GetAuthenticationStateAsync()).User;

    public async Task<long> TenantAsync() =>
        (await OpenedAsAsync()).TenantOf() ?? throw WeftException.Unauthorized("authentication_required", "Sign in first.");

    /// <summary>The caller as the database knows them now, holding <paramref name="permission"/>; otherwise the same refusal the API gives.</summary>
    public async Task<ClaimsPrincipal> RequireAsync(string permission, CancellationToken ct = default)
    {
        var fresh = await refresher.RefreshAsync(await OpenedAsAsync(), ct)
            ?? throw WeftException.Unauthorized("session_ended", "Your session has ended (your role or password changed, or you were disabled); sign in again.");
        if (!fresh.Can(permission))
            throw WeftException.Forbidden("forbidden", $"This needs the '{permission}' permission, which your role does not grant.");
        return fresh;
    }
}
