using System.Security.Claims;

namespace Weft.Platform.Web.Ui;

/// <summary>
/// Reads the caller a principal names as the database knows them now (the identity module does), so
/// a live page acts with the caller's current role and permissions, exactly as an API request would.
/// </summary>
public interface ICallerRefresher
{
    /// <summary>The principal with fresh claims, or null when the person was disabled or their password or role changed.</summary>
    Task<ClaimsPrincipal?> RefreshAsync(ClaimsPrincipal principal, CancellationToken ct = default);
}
