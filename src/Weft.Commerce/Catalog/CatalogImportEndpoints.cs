using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Weft.Platform.Errors;
using Weft.Platform.Web.Security;

namespace Weft.Commerce.Catalog;

internal static class CatalogImportEndpoints
{
    /// <summary>The catalog as CSV: exported by anyone who reads it, imported (all rows or none) by whoever keeps it.</summary>
    public static void MapCatalogCsv(this RouteGroupBuilder api)
    {
        api.MapGet("/products.csv", async (HttpContext http, CatalogImport catalog) =>
            Results.File(System.Text.Encoding.UTF8.GetBytes(await catalog.ExportAsync(http.User.TenantOf()!.Value, http.RequestAborted)),
                "text/csv; charset=utf-8", "products.csv"));
        api.MapPost("/products/import", ImportAsync).RequireAuthorization(CommercePermissions.Manage)
            .WithMetadata(new RequestSizeLimitAttribute(ProductCsv.MaxBytes + 64 * 1024))
            .WithFormOptions(multipartBodyLengthLimit: ProductCsv.MaxBytes + 1);
    }

    /// <summary>One CSV file as <c>multipart/form-data</c> (field <c>file</c>): 200 with what was created and updated, or 422 with every error.</summary>
    private static async Task<IResult> ImportAsync(HttpContext http, CatalogImport catalog)
    {
        if (!http.Request.HasFormContentType)
            throw FieldErrors.Of("file", "Send the CSV file as multipart/form-data in a field named 'file'.");
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var file = form.Files.GetFile("file");
        if (file is null || form.Files.Count != 1)
            throw FieldErrors.Of("file", "Send exactly one CSV file, in a field named 'file'.");
        if (file.Length > ProductCsv.MaxBytes)
            throw WeftException.Invalid("file_too_large", $"'{file.FileName}' is {file.Length:N0} bytes; a catalog file is at most {ProductCsv.MaxBytes:N0}.");
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, http.RequestAborted);
        return TypedResults.Ok(await catalog.ImportAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, buffer.GetBuffer().AsMemory(0, (int)buffer.Length),
            http.RequestAborted));
    }
}
