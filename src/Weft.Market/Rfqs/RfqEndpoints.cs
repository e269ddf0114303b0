using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Weft.Platform.Errors;
using Weft.Platform.Web.Security;
using Weft.Market.Organizations;

namespace Weft.Market.Rfqs;

internal static class RfqEndpoints
{
    public static void MapRfqs(this IEndpointRouteBuilder app)
    {
        var rfqs = app.MapGroup("/api/v1/market/rfqs").WithTags("Market RFQs").RequireAuthorization(MarketPermissions.Read);
        rfqs.MapGet("", async (HttpContext http, Rfqs service, string? state, int? limit, string? cursor) =>
            await service.ListAsync(http.Tenant(), await http.ViewerAsync(), state, limit, cursor, http.RequestAborted));
        rfqs.MapGet("/{id:long}", async (HttpContext http, Rfqs service, long id) =>
            await service.GetAsync(http.Tenant(), await http.ViewerAsync(), id, http.RequestAborted));
        rfqs.MapPost("", async (HttpContext http, Rfqs service, CreateRfqRequest body) =>
        {
            var created = await service.CreateAsync(http.Tenant(), await http.ViewerAsync(), body, http.RequestAborted);
            return TypedResults.Created($"/api/v1/market/rfqs/{created.Id}", created);
        }).RequireAuthorization(MarketPermissions.Trade);
        rfqs.MapPost("/{id:long}/invitations", async (HttpContext http, Rfqs service, long id, InviteRequest body) =>
            await service.InviteAsync(http.Tenant(), await http.ViewerAsync(), id, body, http.RequestAborted)).RequireAuthorization(MarketPermissions.Trade);
        rfqs.MapGet("/{id:long}/history", async (HttpContext http, RfqHistory service, long id) =>
            await service.ListAsync(http.Tenant(), await http.ViewerAsync(), id, http.RequestAborted));
        rfqs.MapPost("/{id:long}/files", async (HttpContext http, RfqFiles files, long id) =>
        {
            var (name, content) = await ReadFileAsync(http.Request);
            var file = await files.UploadAsync(http.Tenant(), await http.ViewerAsync(), http.User.ActorOf()!, id, name, content, http.RequestAborted);
            return TypedResults.Created($"/api/v1/market/rfqs/{id}/files/{file.Id}", file);
        }).RequireAuthorization(MarketPermissions.Trade)
            .WithMetadata(new RequestSizeLimitAttribute(MaxRequest)).WithFormOptions(multipartBodyLengthLimit: MaxRequest)
            .WithDescription("One PDF, PNG or JPEG file (10 MB at most) as multipart/form-data in a field named 'file'; the buyer's, while the RFQ takes quotes.");
        rfqs.MapGet("/{id:long}/files/{fileId:long}", async (HttpContext http, RfqFiles files, long id, long fileId) =>
        {
            var file = await files.DownloadAsync(http.Tenant(), await http.ViewerAsync(), id, fileId, http.RequestAborted);
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers.CacheControl = "private, no-store";
            http.Response.Headers["Content-Security-Policy"] = "default-src 'none'; sandbox";
            return TypedResults.File(file.Content, file.ContentType, file.Name);
        });
        rfqs.MapDelete("/{id:long}/files/{fileId:long}", async (HttpContext http, RfqFiles files, long id, long fileId) =>
        {
            await files.RemoveAsync(http.Tenant(), await http.ViewerAsync(), id, fileId, http.RequestAborted);
            return TypedResults.NoContent();
        }).RequireAuthorization(MarketPermissions.Trade);
        rfqs.MapPost("/{id:long}/cancel", async (HttpContext http, Rfqs service, long id, CancelRfqRequest body) =>
            await service.CancelAsync(http.Tenant(), await http.ViewerAsync(), id, body, http.RequestAborted)).RequireAuthorization(MarketPermissions.Trade);
        rfqs.MapPut("/{id:long}/deadline", async (HttpContext http, Rfqs service, long id, DeadlineRequest body) =>
            await service.ExtendAsync(http.Tenant(), await http.ViewerAsync(), id, body, http.RequestAborted)).RequireAuthorization(MarketPermissions.Trade);
        rfqs.MapPost("/{id:long}/questions", async (HttpContext http, RfqQuestions service, long id, QuestionRequest body) =>
            await service.AskAsync(http.Tenant(), await http.ViewerAsync(), id, body, http.RequestAborted)).RequireAuthorization(MarketPermissions.Trade);
        rfqs.MapPost("/{id:long}/questions/{questionId:long}/answer", async (HttpContext http, RfqQuestions service, long id, long questionId, AnswerRequest body) =>
            await service.AnswerAsync(http.Tenant(), await http.ViewerAsync(), id, questionId, body, http.RequestAborted)).RequireAuthorization(MarketPermissions.Trade);
        rfqs.MapPut("/{id:long}/quote", async (HttpContext http, Quotes service, long id, QuoteRequest body) =>
            await service.SubmitAsync(http.Tenant(), await http.ViewerAsync(), id, body, http.RequestAborted)).RequireAuthorization(MarketPermissions.Trade);
        rfqs.MapGet("/{id:long}/quotes", async (HttpContext http, Quotes service, long id, int? limit, string? cursor) =>
            await service.ListAsync(http.Tenant(), await http.ViewerAsync(), id, limit, cursor, http.RequestAborted));
        rfqs.MapGet("/{id:long}/comparison", async (HttpContext http, Comparisons service, long id) =>
            await service.CompareAsync(http.Tenant(), await http.ViewerAsync(), id, http.RequestAborted));
        rfqs.MapGet("/{id:long}/comparison.csv", async (HttpContext http, Comparisons service, long id) =>
            TypedResults.Text(await service.ExportAsync(http.Tenant(), await http.ViewerAsync(), id, http.RequestAborted), "text/csv"));
        rfqs.MapGet("/{id:long}/awards", async (HttpContext http, Awards service, long id) =>
            await service.ListAsync(http.Tenant(), await http.ViewerAsync(), id, http.RequestAborted));
        rfqs.MapPost("/{id:long}/awards", async (HttpContext http, Awards service, long id, AwardRequest body) =>
            await service.AwardAsync(http.Tenant(), await http.ViewerAsync(), id, body, http.RequestAborted)).RequireAuthorization(MarketPermissions.Trade);

        var quotes = app.MapGroup("/api/v1/market/quotes").WithTags("Market RFQs").RequireAuthorization(MarketPermissions.Read);
        quotes.MapGet("", async (HttpContext http, Quotes service, int? limit, string? cursor) =>
            await service.ListAsync(http.Tenant(), await http.ViewerAsync(), null, limit, cursor, http.RequestAborted));
        quotes.MapGet("/{id:long}", async (HttpContext http, Quotes service, long id) =>
            await service.GetAsync(http.Tenant(), await http.ViewerAsync(), id, http.RequestAborted));

        app.MapGet("/api/v1/market/notices", async (HttpContext http, Notices.MarketNotices service, int? limit, string? cursor) =>
            await service.ListAsync(http.Tenant(), await http.ViewerAsync(), limit, cursor, http.RequestAborted))
            .WithTags("Market RFQs").RequireAuthorization(MarketPermissions.Read);
    }

    /// <summary>A request carries one file and its form's few bytes more.</summary>
    private const long MaxRequest = Suppliers.DocumentTypes.MaxBytes + 64 * 1024;

    private static async Task<(string Name, byte[] Content)> ReadFileAsync(HttpRequest request)
    {
        if (!request.HasFormContentType) throw FieldErrors.Of("file", "Send the file as multipart/form-data, in a field named 'file'.");
        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        var file = form.Files.GetFile("file");
        if (file is null || form.Files.Count != 1) throw FieldErrors.Of("file", "Send exactly one file, in a field named 'file'.");
        if (file.Length > Suppliers.DocumentTypes.MaxBytes) throw Suppliers.DocumentTypes.TooLarge(file.FileName);
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        return (file.FileName, buffer.ToArray());
    }
}
