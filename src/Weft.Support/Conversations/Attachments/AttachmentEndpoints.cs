using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Weft.Platform.Errors;
using Weft.Platform.Tenancy;
using Weft.Platform.Web.Security;
using Weft.Support.Widget;

namespace Weft.Support.Conversations.Attachments;

/// <summary>
/// Uploads and downloads of message files: the team's (<c>/api/v1/support/uploads</c>, <c>/attachments/{id}</c>), a
/// customer's through the chat widget with the conversation's token, and the tenant's limits.
/// </summary>
internal static class AttachmentEndpoints
{
    /// <summary>What one upload request may carry: the largest file any tenant may allow, and a form's envelope.</summary>
    private const long MaxRequest = AttachmentDefaults.HardMaxFileBytes + 64 * 1024;

    public static void MapAttachments(this IEndpointRouteBuilder app)
    {
        var support = app.MapGroup("/api/v1/support").WithTags("Support attachments");
        support.MapPost("/uploads", async (HttpContext http, MessageFiles files, string? name) =>
        {
            var (fileName, type, content) = await ReadFileAsync(http.Request, name, allowForm: true);
            var upload = await files.UploadAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, null, fileName, type, content, http.RequestAborted);
            return TypedResults.Created($"/api/v1/support/attachments/{upload.Id}", upload);
        }).RequireAuthorization(SupportPermissions.Answer)
            .WithMetadata(new RequestSizeLimitAttribute(MaxRequest))
            .WithFormOptions(multipartBodyLengthLimit: MaxRequest)
            .WithDescription("One file, as the raw body (its Content-Type, the name in ?name=) or as multipart/form-data in a field named 'file'. "
                + "Answers 201 with the upload's id, which a message's 'attachments' then names.");
        support.MapGet("/attachments/{id:long}", async (HttpContext http, MessageFiles files, long id) =>
            Download(http, await files.DownloadAsync(http.User.TenantOf()!.Value, id, http.RequestAborted)))
            .RequireAuthorization(SupportPermissions.Read);
        support.MapGet("/attachment-limits", (HttpContext http, MessageFiles files) => files.LimitsAsync(http.User.TenantOf()!.Value, http.RequestAborted))
            .RequireAuthorization(SupportPermissions.Read);
        support.MapPut("/attachment-limits", (HttpContext http, MessageFiles files, AttachmentLimitsRequest body) =>
            files.PutLimitsAsync(http.User.TenantOf()!.Value, body, http.RequestAborted)).RequireAuthorization(SupportPermissions.Manage);

        var widget = app.MapGroup("/api/v1/support/widget/{tenant}/conversations/{id:long}").WithTags("Support chat widget").AllowAnonymous();
        // A form would need the antiforgery token a visitor's page does not have: the widget sends the file as the body.
        widget.MapPost("/uploads", async (HttpContext http, Conversations all, MessageFiles files, ITenantDirectory tenants, string tenant, long id,
            string? token, string? name) =>
        {
            var t = await WidgetEndpoints.TenantAsync(tenants, tenant, http.RequestAborted);
            var conversation = await all.ForCustomerAsync(t, id, WidgetEndpoints.TokenOf(http, token), http.RequestAborted);
            var (fileName, type, content) = await ReadFileAsync(http.Request, name, allowForm: false);
            var upload = await files.UploadAsync(t, WidgetEndpoints.Actor, conversation.Id, fileName, type, content, http.RequestAborted);
            return TypedResults.Created($"/api/v1/support/widget/{tenant}/conversations/{id}/attachments/{upload.Id}", upload);
        }).RequireRateLimiting(WebSecurity.PublicStartLimit).WithMetadata(new RequestSizeLimitAttribute(MaxRequest));
        widget.MapGet("/attachments/{attachment:long}", async (HttpContext http, Conversations all, MessageFiles files, ITenantDirectory tenants,
            string tenant, long id, long attachment, string? token) =>
        {
            var t = await WidgetEndpoints.TenantAsync(tenants, tenant, http.RequestAborted);
            var conversation = await all.ForCustomerAsync(t, id, WidgetEndpoints.TokenOf(http, token), http.RequestAborted);
            return Download(http, await files.DownloadForCustomerAsync(t, conversation.Id, attachment, http.RequestAborted));
        });
    }

    /// <summary>Always a download, never shown inline, and never sniffed into another type.</summary>
    private static IResult Download(HttpContext http, AttachmentFile file)
    {
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "private, no-store";
        http.Response.Headers["Content-Security-Policy"] = "default-src 'none'; sandbox";
        http.Response.Headers.ETag = $"\"{file.Sha256}\"";
        return TypedResults.File(file.Content, file.ContentType, file.Name);
    }

    private static async Task<(string? Name, string? Type, byte[] Content)> ReadFileAsync(HttpRequest request, string? name, bool allowForm)
    {
        if (request.HasFormContentType)
        {
            if (!allowForm) throw FieldErrors.Of("file", "Send the file as the request body, its name in ?name=.");
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            var file = form.Files.GetFile("file");
            if (file is null || form.Files.Count != 1) throw FieldErrors.Of("file", "Send exactly one file, in a field named 'file'.");
            if (file.Length > AttachmentDefaults.HardMaxFileBytes) throw TooLarge(file.FileName);
            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, request.HttpContext.RequestAborted);
            return (name ?? file.FileName, file.ContentType, buffer.ToArray());
        }
        if (string.IsNullOrWhiteSpace(name)) throw FieldErrors.Of("name", "Name the file in ?name= (its extension says its type).");
        if (request.ContentLength > AttachmentDefaults.HardMaxFileBytes) throw TooLarge(name);
        using var body = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (body.Length + read > AttachmentDefaults.HardMaxFileBytes) throw TooLarge(name);
            body.Write(chunk, 0, read);
        }
        return (name, request.ContentType, body.ToArray());
    }

    private static WeftException TooLarge(string name) =>
        WeftException.TooLarge("attachment_too_large", $"'{name}' is larger than any file Weft keeps ({AttachmentDefaults.HardMaxFileBytes:N0} bytes).");
}
