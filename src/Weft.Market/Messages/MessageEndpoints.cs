using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Weft.Market.Organizations;
using Weft.Market.Suppliers;
using Weft.Platform.Errors;

namespace Weft.Market.Messages;

internal static class MessageEndpoints
{
    /// <summary>A message's text and its files, with room for the form's own bytes.</summary>
    private const long MaxRequest = Threads.MaxFiles * (long)DocumentTypes.MaxBytes + 1024 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void MapMessages(this IEndpointRouteBuilder app)
    {
        var threads = app.MapGroup("/api/v1/market/threads").WithTags("Market messages").RequireAuthorization(MarketPermissions.Read);
        threads.MapGet("", async (HttpContext http, Threads service, string? subject, long? subjectId, int? limit) =>
            await service.ListAsync(http.Tenant(), await http.ViewerAsync(), subject, subjectId, limit, http.RequestAborted))
            .WithDescription("My organization's threads, the latest activity first, each with its unread count for my organization; ?subject=rfq|auction|deal&subjectId= narrows.");
        threads.MapPost("", async (HttpContext http, Threads service) =>
        {
            var (request, files) = await ReadAsync<StartThreadRequest>(http, form => new StartThreadRequest(form["subject"],
                Number(form["subjectId"], "subjectId"), Number(form["with"], "with"), form["text"]));
            var (thread, _) = await service.StartAsync(http.Tenant(), await http.ViewerAsync(), request, files, http.RequestAborted);
            return TypedResults.Created($"/api/v1/market/threads/{thread.Thread.Id}", thread);
        }).RequireAuthorization(MarketPermissions.Trade).WithMetadata(new RequestSizeLimitAttribute(MaxRequest))
            .WithDescription("Starts a thread with its first message (or adds it to the one the two organizations have about the subject): JSON {subject, subjectId, with, text}, or a multipart form with those fields and up to 5 'files'.");
        threads.MapGet("/{id:long}", async (HttpContext http, Threads service, long id) =>
            await service.GetAsync(http.Tenant(), await http.ViewerAsync(), id, http.RequestAborted))
            .WithDescription("A thread with its messages and meetings; marks it read for my organization.");
        threads.MapPost("/{id:long}/messages", async (HttpContext http, Threads service, long id) =>
        {
            var (request, files) = await ReadAsync<PostMessageRequest>(http, form => new PostMessageRequest(form["text"]));
            var message = await service.PostAsync(http.Tenant(), await http.ViewerAsync(), id, request, files, http.RequestAborted);
            return TypedResults.Created($"/api/v1/market/threads/{id}", message);
        }).RequireAuthorization(MarketPermissions.Trade).WithMetadata(new RequestSizeLimitAttribute(MaxRequest))
            .WithDescription("Posts a message: JSON {text}, or a multipart form with 'text' and up to 5 'files' (PDF, PNG or JPEG, 10 MB each).");
        threads.MapGet("/{id:long}/attachments/{attachmentId:long}", async (HttpContext http, Threads service, long id, long attachmentId) =>
        {
            var file = await service.DownloadAsync(http.Tenant(), await http.ViewerAsync(), id, attachmentId, http.RequestAborted);
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers.CacheControl = "private, no-store";
            http.Response.Headers["Content-Security-Policy"] = "default-src 'none'; sandbox";
            return TypedResults.File(file.Content, file.ContentType, file.Name);
        });
        threads.MapPost("/{id:long}/meetings", async (HttpContext http, Meetings service, long id, ProposeMeetingRequest body) =>
        {
            var meeting = await service.ProposeAsync(http.Tenant(), await http.ViewerAsync(), id, body, http.RequestAborted);
            return TypedResults.Created($"/api/v1/market/meetings/{meeting.Id}", meeting);
        }).RequireAuthorization(MarketPermissions.Trade)
            .WithDescription("Proposes a video meeting: {startsAt (UTC), durationMinutes (15-240), title, agenda?}; the link comes from the marketplace's video service.");

        var meetings = app.MapGroup("/api/v1/market/meetings").WithTags("Market messages").RequireAuthorization(MarketPermissions.Read);
        meetings.MapGet("/{id:long}", async (HttpContext http, Meetings service, long id) =>
            await service.GetAsync(http.Tenant(), await http.ViewerAsync(), id, http.RequestAborted));
        meetings.MapGet("/{id:long}.ics", async (HttpContext http, Meetings service, long id) =>
        {
            var file = await service.InvitationAsync(http.Tenant(), await http.ViewerAsync(), id, http.RequestAborted);
            http.Response.Headers.CacheControl = "private, no-store";
            http.Response.Headers.XContentTypeOptions = "nosniff";
            return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(file.Ics), $"text/calendar; method={file.Method}; charset=utf-8", file.Name);
        }).WithDescription("The meeting's calendar invitation as it stands (METHOD:CANCEL once declined or cancelled).");
        meetings.MapPost("/{id:long}/accept", async (HttpContext http, Meetings service, long id) =>
            await service.AcceptAsync(http.Tenant(), await http.ViewerAsync(), id, http.RequestAborted)).RequireAuthorization(MarketPermissions.Trade);
        meetings.MapPost("/{id:long}/decline", async (HttpContext http, Meetings service, long id) =>
            await service.DeclineAsync(http.Tenant(), await http.ViewerAsync(), id, http.RequestAborted)).RequireAuthorization(MarketPermissions.Trade);
        meetings.MapPost("/{id:long}/cancel", async (HttpContext http, Meetings service, long id) =>
            await service.CancelAsync(http.Tenant(), await http.ViewerAsync(), id, http.RequestAborted)).RequireAuthorization(MarketPermissions.Trade);

        var settings = app.MapGroup("/api/v1/market/settings").WithTags("Market messages").RequireAuthorization(MarketPermissions.Operate);
        settings.MapGet("/video", async (HttpContext http, MarketSettings service) =>
            await service.VideoAsync(http.Tenant(), await http.ViewerAsync(), http.RequestAborted));
        settings.MapPut("/video", async (HttpContext http, MarketSettings service, VideoSettingsRequest body) =>
            await service.SetVideoAsync(http.Tenant(), await http.ViewerAsync(), body, http.RequestAborted))
            .WithDescription("The video service meetings take place on: {urlTemplate} with {room} in it (https://meet.jit.si/weft-{room}); empty removes it.");
    }

    /// <summary>A JSON body, or a multipart form whose fields make the request and whose 'files' are read whole (each within the document limit).</summary>
    private static async Task<(T Request, IReadOnlyList<MessageFile> Files)> ReadAsync<T>(HttpContext http, Func<IFormCollection, T> fromForm)
    {
        var request = http.Request;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(http.RequestAborted);
            if (form.Files.Count > Threads.MaxFiles) throw FieldErrors.Of("files", $"A message carries at most {Threads.MaxFiles} files.");
            if (form.Files.Any(f => f.Name != "files")) throw FieldErrors.Of("files", "Send the files in fields named 'files'.");
            var files = new List<MessageFile>();
            foreach (var file in form.Files)
            {
                if (file.Length > DocumentTypes.MaxBytes) throw SupplierDocuments.TooLarge(file.FileName);
                using var buffer = new MemoryStream((int)file.Length);
                await file.CopyToAsync(buffer, http.RequestAborted);
                files.Add(new MessageFile(file.FileName, buffer.ToArray()));
            }
            return (fromForm(form), files);
        }
        if (request.ContentType is null || !request.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            throw WeftException.UnsupportedType("unsupported_media_type", "Send JSON, or a multipart form with files.");
        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(request.Body, Json, http.RequestAborted);
            return (body ?? throw WeftException.Invalid("body_required", "The request needs a JSON body."), []);
        }
        catch (JsonException e)
        {
            throw WeftException.Invalid("malformed_json", $"The body is not the JSON this endpoint takes: {e.Message}");
        }
    }

    private static long? Number(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? null
        : long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw FieldErrors.Of(field, $"'{field}' is a number.");
}
