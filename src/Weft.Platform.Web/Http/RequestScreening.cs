using Microsoft.AspNetCore.Http;
using Weft.Platform.Web.Problems;

namespace Weft.Platform.Web.Http;

/// <summary>
/// Refuses, before any endpoint reads them, requests that no endpoint could handle correctly: a body
/// in a charset .NET does not know, and NUL characters in the query (PostgreSQL cannot store them).
/// </summary>
internal static class RequestScreening
{
    public static Task ScreenAsync(HttpContext http, Func<Task> next)
    {
        if (HasUnknownCharset(http.Request))
            return ProblemExceptionHandler.WriteAsync(http, 415, "unsupported_media_type", "Unsupported media type",
                "The request's charset is not a known encoding.", null);
        if (http.Request.QueryString.HasValue && http.Request.Query.Any(q => q.Value.Any(v => v?.Contains('\0') == true)))
            return ProblemExceptionHandler.WriteAsync(http, 400, "invalid_character", "Malformed request",
                "The query string contains a NUL character.", null);
        return next();
    }

    private static bool HasUnknownCharset(HttpRequest request)
    {
        if (!Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || type.Charset.Length == 0)
            return false;
        try
        {
            _ = System.Text.Encoding.GetEncoding(type.Charset.ToString());
            return false;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }
}
