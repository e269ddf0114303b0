using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Weft.Platform.Errors;
using Weft.Platform.Web.Security;

namespace Weft.Support.Triage;

internal static class TriageEndpoints
{
    /// <summary>Intent triage: the examples, training, the models and classification. Reading needs support:read; changing and training, support:manage.</summary>
    public static void MapTriage(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/support/triage").WithTags("Support").RequireAuthorization(SupportPermissions.Read);

        api.MapPost("/examples", UploadAsync).RequireAuthorization(SupportPermissions.Manage)
            .WithMetadata(new RequestSizeLimitAttribute(ExampleCsv.MaxBytes + 64 * 1024))
            .WithFormOptions(multipartBodyLengthLimit: ExampleCsv.MaxBytes + 1);
        api.MapGet("/examples", (HttpContext http, TrainingExamples examples) => examples.SummaryAsync(http.User.TenantOf()!.Value, http.RequestAborted));
        api.MapDelete("/examples", (HttpContext http, TrainingExamples examples, string? intent, bool? all) =>
            examples.DeleteAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, intent, all == true, http.RequestAborted))
            .RequireAuthorization(SupportPermissions.Manage);
        api.MapPost("/train", (HttpContext http, IntentModels models, TrainRequest body) =>
            models.TrainAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, body, http.RequestAborted)).RequireAuthorization(SupportPermissions.Manage);
        api.MapGet("/models", (HttpContext http, IntentModels models) => models.ListAsync(http.User.TenantOf()!.Value, http.RequestAborted));
        api.MapGet("/models/active", async (HttpContext http, IntentModels models) =>
            await models.ActiveAsync(http.User.TenantOf()!.Value, http.RequestAborted)
                ?? throw WeftException.NotFound(TriageErrors.ModelNotFound, "No intent model has been trained yet."));
        api.MapPost("/classify", (HttpContext http, IntentModels models, ClassifyRequest body) =>
            models.ClassifyAsync(http.User.TenantOf()!.Value, body, http.RequestAborted));
        // Naming a conversation's intent labels a past ticket: its first customer message becomes an example.
        app.MapPut("/api/v1/support/conversations/{id:long}/intent", (HttpContext http, ConversationIntents intents, long id, LabelIntentRequest body) =>
            intents.LabelAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, id, body, http.RequestAborted))
            .WithTags("Support").RequireAuthorization(SupportPermissions.Answer);
    }

    /// <summary>A CSV file as <c>multipart/form-data</c> (field <c>file</c>) or as the body itself (<c>text/csv</c>).</summary>
    private static async Task<ExamplesUploaded> UploadAsync(HttpContext http, TrainingExamples examples)
    {
        byte[] content;
        if (http.Request.HasFormContentType)
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var file = form.Files.GetFile("file");
            if (file is null || form.Files.Count != 1)
                throw FieldErrors.Of("file", "Send exactly one CSV file, in a field named 'file'.");
            if (file.Length > ExampleCsv.MaxBytes) throw TooLarge(file.Length);
            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, http.RequestAborted);
            content = buffer.ToArray();
        }
        else if (http.Request.ContentType is { } type && type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
            if (buffer.Length > ExampleCsv.MaxBytes) throw TooLarge(buffer.Length);
            content = buffer.ToArray();
        }
        else
        {
            throw FieldErrors.Of("file", "Send the CSV file as multipart/form-data in a field named 'file', or as a text/csv body.");
        }
        return await examples.UploadAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, content, http.RequestAborted);
    }

    private static WeftException TooLarge(long bytes) =>
        WeftException.Invalid(TriageErrors.FileTooLarge, $"The file is {bytes:N0} bytes; a training file is at most {ExampleCsv.MaxBytes:N0}.");
}
