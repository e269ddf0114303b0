using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Weft.Platform.Errors;
using Weft.Platform.Persistence;

namespace Weft.Platform.Web.Problems;

/// <summary>Turns every refusal into RFC 9457 problem details with a stable <c>code</c>; a bad request is never a 500.</summary>
public sealed class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var (status, code, title, detail, extra) = exception switch
        {
            WeftException f => (f.Status, f.Code, TitleOf(f.Kind), f.Message, f.Details),
            BadHttpRequestException { StatusCode: 413 } b => (413, "request_too_large", "Request too large", b.Message, null),
            BadHttpRequestException b when Find<JsonException>(b) is { } j =>
                (400, "malformed_json", "Malformed request", Describe(j), null),
            BadHttpRequestException b => (b.StatusCode, "malformed_request", "Malformed request", b.Message, (object?)null),
            JsonException j => (400, "malformed_json", "Malformed request", Describe(j), null),
            OperationCanceledException when http.RequestAborted.IsCancellationRequested => (499, "client_closed", "Client closed request", "", null),
            _ when Transient.IsOverloaded(exception) =>
                (503, "database_busy", "Service unavailable", "The database has no connection free right now. Try again in a moment.", null),
            _ => (500, "internal_error", "Internal error", "An unexpected error occurred; it has been logged.", null),
        };
        if (status >= 500) logger.LogError(exception, "Unhandled error on {Method} {Path}", http.Request.Method, http.Request.Path);
        if (http.Response.HasStarted) return false;
        await WriteAsync(http, status, code, title, detail, extra, status == 503 ? [new("Retry-After", "1")] : null);
        return true;
    }

    private static T? Find<T>(Exception e) where T : Exception
    {
        for (var x = e; x is not null; x = x.InnerException) if (x is T t) return t;
        return null;
    }

    private static string Describe(JsonException j) =>
        j.Path is { Length: > 0 } path ? $"The JSON body is not valid at '{path}'." : "The JSON body is not valid.";

    private static string TitleOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Invalid => "Invalid request",
        ErrorKind.NotFound => "Not found",
        ErrorKind.Forbidden => "Forbidden",
        ErrorKind.Conflict => "Conflict",
        ErrorKind.Unauthorized => "Unauthorized",
        ErrorKind.Unavailable => "Service unavailable",
        ErrorKind.TooLarge => "Content too large",
        ErrorKind.UnsupportedType => "Unsupported media type",
        _ => "Business rule violated",
    };

    private static readonly JsonSerializerOptions ProblemJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    /// <summary>Writes problem details with a stable <c>code</c> (and the given headers) as the whole response.</summary>
    public static Task WriteAsync(HttpContext http, int status, string code, string title, string detail, object? extra,
        IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        http.Response.Clear();
        http.Response.StatusCode = status;
        foreach (var (name, value) in headers ?? []) http.Response.Headers[name] = value;
        var problem = new Dictionary<string, object?>
        {
            ["type"] = $"https://weft.dev/problems/{code.Replace('_', '-')}",
            ["title"] = title,
            ["status"] = status,
            ["detail"] = detail,
            ["code"] = code,
            ["instance"] = http.Request.Path.Value,
        };
        if (extra is not null) problem["errors"] = extra;
        return http.Response.WriteAsJsonAsync(problem, ProblemJson, "application/problem+json");
    }
}
