using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Weft.Testing.FakeProviders;

// Each event is flushed so the client sees it arrive on its own.
internal static class ServerSentEvents
{
    public static void Start(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
    }

    public static Task WriteAsync(HttpResponse response, JsonNode data, string? eventName = null) =>
        WriteRawAsync(response, data.ToJsonString(), eventName);

    public static async Task WriteRawAsync(HttpResponse response, string data, string? eventName = null)
    {
        var text = eventName is null ? $"data: {data}\n\n" : $"event: {eventName}\ndata: {data}\n\n";
        await response.WriteAsync(text);
        await response.Body.FlushAsync();
    }
}
