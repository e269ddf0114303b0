using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Weft.Identity.SigningIn;
using Weft.Platform.Web.Security;

namespace Weft.Identity.Audit;

internal static class AuditEndpoints
{
    public static void MapAudit(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/audit", (HttpContext http, AuditQueries audit, string? type, string? actor, DateTime? from, DateTime? to,
                bool? newestFirst, int? limit, string? cursor) =>
            audit.ListAsync(SignInEndpoints.TenantOf(http), new AuditQuery(type, actor, from, to, newestFirst ?? false, limit, cursor), http.RequestAborted))
            .WithTags("Audit").RequireAuthorization(PlatformPermissions.Admin);
}
