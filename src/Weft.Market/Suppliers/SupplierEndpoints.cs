using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Weft.Market.Organizations;
using Weft.Platform.Errors;
using Weft.Platform.Web.Security;

namespace Weft.Market.Suppliers;

internal static class SupplierEndpoints
{
    public static void MapSuppliers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/market/suppliers").WithTags("Market suppliers").RequireAuthorization(MarketPermissions.Read);
        group.MapGet("", async (HttpContext http, SupplierDirectory directory, string? q, string? material, string? grade, string? certification, string? region,
            string? country, string? capacity, int? minCapacity, bool? verified, string? sort, int? limit, string? cursor) =>
            await directory.SearchAsync(http.Tenant(), await http.ViewerAsync(),
                new SupplierQuery(q, material, grade, certification, region, country, capacity, minCapacity, verified, sort, limit, cursor), http.RequestAborted))
            .WithDescription("Searches the supplier directory: every filter optional, 'sort' relevance (default), rating or name; the answer counts each facet's values.");
        group.MapGet("/{id:long}", async (HttpContext http, SupplierDirectory directory, long id) =>
            await directory.GetAsync(http.Tenant(), await http.ViewerAsync(), id, http.RequestAborted));
        group.MapPut("/{id:long}", async (HttpContext http, SupplierProfiles profiles, long id, SupplierProfileRequest body) =>
            await profiles.UpdateAsync(http.Tenant(), await http.ViewerAsync(), id, body, http.RequestAborted)).RequireAuthorization(MarketPermissions.Trade);

        group.MapPost("/{id:long}/products", async (HttpContext http, SupplierProfiles profiles, long id, ProductRequest body) =>
        {
            var product = await profiles.AddProductAsync(http.Tenant(), await http.ViewerAsync(), id, body, http.RequestAborted);
            return TypedResults.Created($"/api/v1/market/suppliers/{id}", product);
        }).RequireAuthorization(MarketPermissions.Trade);
        group.MapDelete("/{id:long}/products/{product:long}", async (HttpContext http, SupplierProfiles profiles, long id, long product) =>
        {
            await profiles.RemoveProductAsync(http.Tenant(), await http.ViewerAsync(), id, product, http.RequestAborted);
            return TypedResults.NoContent();
        }).RequireAuthorization(MarketPermissions.Trade);

        group.MapPost("/{id:long}/certifications", async (HttpContext http, SupplierProfiles profiles, long id, CertificationRequest body) =>
        {
            var certification = await profiles.AddCertificationAsync(http.Tenant(), await http.ViewerAsync(), id, body, http.RequestAborted);
            return TypedResults.Created($"/api/v1/market/suppliers/{id}", certification);
        }).RequireAuthorization(MarketPermissions.Trade);
        group.MapDelete("/{id:long}/certifications/{certification:long}", async (HttpContext http, SupplierProfiles profiles, long id, long certification) =>
        {
            await profiles.RemoveCertificationAsync(http.Tenant(), await http.ViewerAsync(), id, certification, http.RequestAborted);
            return TypedResults.NoContent();
        }).RequireAuthorization(MarketPermissions.Trade);

        group.MapPost("/{id:long}/documents", async (HttpContext http, SupplierDocuments documents, long id, string? name, string? kind, bool? @public) =>
        {
            var content = await ReadBodyAsync(http.Request, name);
            var document = await documents.UploadAsync(http.Tenant(), await http.ViewerAsync(), http.User.ActorOf()!, id, name, kind, @public, content, http.RequestAborted);
            return TypedResults.Created($"/api/v1/market/suppliers/{id}/documents/{document.Id}", document);
        }).RequireAuthorization(MarketPermissions.Trade).WithMetadata(new RequestSizeLimitAttribute(DocumentTypes.MaxBytes + 64 * 1024))
            .WithDescription("One PDF, PNG or JPEG file as the raw body; its name (?name=, whose extension says its type), its kind (?kind=) and whether anyone may read it (?public=true).");
        group.MapGet("/{id:long}/documents/{document:long}", async (HttpContext http, SupplierDocuments documents, long id, long document) =>
        {
            var file = await documents.DownloadAsync(http.Tenant(), await http.ViewerAsync(), id, document, http.RequestAborted);
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers.CacheControl = "private, no-store";
            http.Response.Headers["Content-Security-Policy"] = "default-src 'none'; sandbox";
            return TypedResults.File(file.Content, file.ContentType, file.Name);
        });
        group.MapDelete("/{id:long}/documents/{document:long}", async (HttpContext http, SupplierDocuments documents, long id, long document) =>
        {
            await documents.RemoveAsync(http.Tenant(), await http.ViewerAsync(), id, document, http.RequestAborted);
            return TypedResults.NoContent();
        }).RequireAuthorization(MarketPermissions.Trade);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) throw FieldErrors.Of("name", "Name the file in ?name= (its extension says its type), and send it as the body.");
        if (request.ContentLength > DocumentTypes.MaxBytes) throw SupplierDocuments.TooLarge(name);
        using var body = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (body.Length + read > DocumentTypes.MaxBytes) throw SupplierDocuments.TooLarge(name);
            body.Write(chunk, 0, read);
        }
        return body.ToArray();
    }
}
