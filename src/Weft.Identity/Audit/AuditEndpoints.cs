using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Weft.Flow;
using Weft.Platform.Web.Security;

namespace Weft.Identity.Audit;

internal static class AuditEndpoints
{
    public static void MapAudit(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/audit", (FlowEngine engine, int? limit, string? cursor, CancellationToken ct) =>
            engine.ListEventsAsync(AuditTrail.Types, limit, cursor, ct))
            .WithTags("Audit").RequireAuthorization(PlatformPermissions.Admin);
}
