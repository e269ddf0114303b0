using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Weft.Identity.Callers;
using Weft.Identity.SigningIn;
using Weft.Platform.Errors;
using Weft.Platform.Web.Security;

namespace Weft.Identity.Users;

/// <summary>The profile page's password form: the same use case as <c>POST /api/v1/auth/password</c>, answered with a redirect.</summary>
internal static class ProfileEndpoints
{
    public static void MapProfile(this IEndpointRouteBuilder app) =>
        app.MapPost("/profile/password", async (HttpContext http, CallerLoader callers, ChangePassword change) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            if (form["newPassword"] != form["confirmPassword"]) return Results.LocalRedirect("/profile?problem=mismatch#password");
            var caller = await SignInEndpoints.CurrentAsync(http, callers);
            try
            {
                var stamp = await change.HandleAsync(caller, new ChangePasswordRequest(form["currentPassword"], form["newPassword"]), http.RequestAborted);
                var renewed = await callers.LoadAsync(caller.TenantId, caller.Subject, stamp, http.RequestAborted);
                if (renewed is not null) await http.SignInAsync(IdentityAuthentication.CookieScheme, renewed.ToPrincipal(WeftClaims.CookieScheme));
                return Results.LocalRedirect("/profile?changed=true#password");
            }
            catch (WeftException e) when (e.Kind is ErrorKind.Forbidden or ErrorKind.Invalid)
            {
                return Results.LocalRedirect($"/profile?problem={Uri.EscapeDataString(e.Code)}#password");
            }
        }).ExcludeFromDescription();
}
