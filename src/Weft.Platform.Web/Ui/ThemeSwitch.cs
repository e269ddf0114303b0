using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Weft.Platform.Web.Ui;

/// <summary>The theme switch of the app bar: a form post that flips the theme cookie and returns to the page.</summary>
internal static class ThemeSwitch
{
    public static void MapThemeSwitch(this IEndpointRouteBuilder app) =>
        app.MapPost("/preferences/theme", async (HttpContext http) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var next = http.Request.Cookies[WeftTheme.Cookie] == WeftTheme.Dark ? WeftTheme.Light : WeftTheme.Dark;
            http.Response.Cookies.Append(WeftTheme.Cookie, next, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                IsEssential = true,
                MaxAge = TimeSpan.FromDays(365),
            });
            var back = form["returnUrl"].ToString();
            return Results.LocalRedirect(back.StartsWith('/') && !back.StartsWith("//", StringComparison.Ordinal) && !back.StartsWith("/\\", StringComparison.Ordinal) ? back : "/");
        }).ExcludeFromDescription();
}
