using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Weft.Platform.Web.Security;
using Weft.Production.Persistence;

namespace Weft.Production.Certificates;

/// <summary>An order's pieces and their certificates, under each kind of order; and checking a certificate.</summary>
internal static class CertificateEndpoints
{
    public static void MapCertificates(this IEndpointRouteBuilder app)
    {
        foreach (var (path, kind) in new[] { ("/api/v1/manufacturing-orders", OrderKinds.Oem), ("/api/v1/atelier-jobs", OrderKinds.Craft) })
        {
            var pieces = app.MapGroup(path).WithTags("Pieces").RequireAuthorization(ProductionPermissions.Read);
            pieces.MapGet("/{id:long}/pieces", (HttpContext http, PieceStoryReader stories, long id) =>
                stories.PiecesAsync(Tenant(http), kind, id, http.RequestAborted));
            pieces.MapGet("/{id:long}/pieces/{unit:int}/certificate", async (HttpContext http, PieceCertificates certificates, long id, int unit) =>
            {
                var (pdf, name) = await certificates.RenderAsync(Tenant(http), kind, id, unit, http.RequestAborted);
                return TypedResults.File(pdf, "application/pdf", name);
            });
        }
        app.MapPost("/api/v1/certificates/verify", (HttpContext http, PieceCertificates certificates, VerifyCertificateRequest body) =>
            certificates.VerifyAsync(Tenant(http), body, http.RequestAborted)).WithTags("Pieces").RequireAuthorization(ProductionPermissions.Read);
    }

    private static long Tenant(HttpContext http) => http.User.TenantOf()!.Value;
}
