using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Weft.Platform.Web.InstallableApp;

/// <summary>
/// The service worker at the site's root (a worker controls only the paths under its own) and the offline page it shows
/// when the server cannot be reached. Both are for anyone: the sign-in page registers the worker before anybody has
/// signed in, and the offline page says nothing about anybody. The worker is asked for again on every update check (<c>no-cache</c>, and an
/// ETag of its version so an unchanged one costs a 304).
/// </summary>
public static class InstallableAppEndpoints
{
    public static void MapInstallableApp(this IEndpointRouteBuilder app)
    {
        app.MapGet(AppShell.WorkerPath, (HttpContext http, AppShell shell) =>
            Answer(http, shell.Worker, "text/javascript; charset=utf-8", shell.Version)).AllowAnonymous().ExcludeFromDescription();
        app.MapGet(AppShell.OfflinePath, (HttpContext http, AppShell shell) =>
            Answer(http, shell.OfflinePage, "text/html; charset=utf-8", shell.Version)).AllowAnonymous().ExcludeFromDescription();
    }

    private static IResult Answer(HttpContext http, string body, string contentType, string version)
    {
        var etag = new EntityTagHeaderValue($"\"{version}\"");
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers.ETag = etag.ToString();
        return http.Request.GetTypedHeaders().IfNoneMatch.Any(t => t.Compare(etag, useStrongComparison: false))
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Results.Text(body, contentType);
    }
}
