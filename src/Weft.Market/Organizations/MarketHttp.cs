using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Weft.Market.Visibility;
using Weft.Platform.Web.Security;

namespace Weft.Market.Organizations;

/// <summary>What the market's endpoints read of a request: the tenant and the caller as a <see cref="MarketViewer"/> (looked up once per request).</summary>
internal static class MarketHttp
{
    private static readonly object ViewerKey = new();

    public static long Tenant(this HttpContext http) => http.User.TenantOf()!.Value;

    public static async Task<MarketViewer> ViewerAsync(this HttpContext http)
    {
        if (http.Items.TryGetValue(ViewerKey, out var known) && known is MarketViewer viewer) return viewer;
        viewer = await http.RequestServices.GetRequiredService<MarketCallers>().ViewerAsync(http.User, http.RequestAborted);
        http.Items[ViewerKey] = viewer;
        return viewer;
    }
}
