using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Weft.AI.Knowledge.Documents;
using Weft.Platform.Errors;
using Weft.Platform.Web.Security;

namespace Weft.AI.Knowledge;

internal static class KnowledgeEndpoints
{
    public static void MapKnowledge(this IEndpointRouteBuilder app)
    {
        var bases = app.MapGroup("/api/v1/ai/knowledge").WithTags("AI knowledge").RequireAuthorization(AiPermissions.Read);
        bases.MapGet("", (HttpContext http, KnowledgeBases knowledge, int? limit, string? cursor) =>
            knowledge.ListAsync(http.User.TenantOf()!.Value, limit, cursor, http.RequestAborted));
        bases.MapGet("/{key}", (HttpContext http, KnowledgeBases knowledge, string key) =>
            knowledge.GetAsync(http.User.TenantOf()!.Value, key, http.RequestAborted));
        bases.MapPost("", async (HttpContext http, KnowledgeBases knowledge, CreateKnowledgeBaseRequest body) =>
        {
            var created = await knowledge.CreateAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, body, http.RequestAborted);
            return TypedResults.Created($"/api/v1/ai/knowledge/{created.Key}", created);
        }).RequireAuthorization(AiPermissions.Manage);
        bases.MapPatch("/{key}", (HttpContext http, KnowledgeBases knowledge, string key, UpdateKnowledgeBaseRequest body) =>
            knowledge.UpdateAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, key, body, http.RequestAborted))
            .RequireAuthorization(AiPermissions.Manage);
        bases.MapDelete("/{key}", async (HttpContext http, KnowledgeBases knowledge, string key) =>
        {
            await knowledge.DeleteAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, key, http.RequestAborted);
            return TypedResults.NoContent();
        }).RequireAuthorization(AiPermissions.Manage);
        bases.MapPost("/{key}/search", (HttpContext http, KnowledgeBases knowledge, string key, SearchRequest body) =>
            knowledge.SearchAsync(http.User.TenantOf()!.Value, key, body, http.RequestAborted));

        bases.MapGet("/{key}/documents", (HttpContext http, KnowledgeDocuments documents, string key) =>
            documents.ListAsync(http.User.TenantOf()!.Value, key, http.RequestAborted));
        bases.MapGet("/{key}/documents/{id:long}", (HttpContext http, KnowledgeDocuments documents, string key, long id) =>
            documents.GetAsync(http.User.TenantOf()!.Value, key, id, http.RequestAborted));
        bases.MapPost("/{key}/documents", UploadAsync).RequireAuthorization(AiPermissions.Manage)
            .WithMetadata(new RequestSizeLimitAttribute(DocumentText.MaxBytes + 64 * 1024))
            .WithFormOptions(multipartBodyLengthLimit: DocumentText.MaxBytes + 1);
        bases.MapDelete("/{key}/documents/{id:long}", async (HttpContext http, KnowledgeDocuments documents, string key, long id) =>
        {
            await documents.DeleteAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, key, id, http.RequestAborted);
            return TypedResults.NoContent();
        }).RequireAuthorization(AiPermissions.Manage);
    }

    /// <summary>
    /// One file as <c>multipart/form-data</c> (field <c>file</c>): 201 when the document is new, 200 when it replaced the
    /// document of the same name (or was the same file already).
    /// </summary>
    private static async Task<IResult> UploadAsync(HttpContext http, KnowledgeDocuments documents, string key)
    {
        if (!http.Request.HasFormContentType)
            throw FieldErrors.Of("file", "Send the document as multipart/form-data in a field named 'file'.");
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var file = form.Files.GetFile("file");
        if (file is null || form.Files.Count != 1)
            throw FieldErrors.Of("file", "Send exactly one document, in a field named 'file'.");
        if (file.Length > DocumentText.MaxBytes)
            throw WeftException.Invalid("document_too_large", $"'{file.FileName}' is {file.Length:N0} bytes; a document is at most {DocumentText.MaxBytes:N0}.");
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, http.RequestAborted);
        var result = await documents.UploadAsync(http.User.TenantOf()!.Value, http.User.ActorOf(), key, file.FileName, file.ContentType,
            buffer.GetBuffer().AsMemory(0, (int)buffer.Length), http.RequestAborted);
        var location = $"/api/v1/ai/knowledge/{key}/documents/{result.Document.Id}";
        return result.Outcome == UploadOutcomes.Created ? TypedResults.Created(location, result) : TypedResults.Ok(result);
    }
}
