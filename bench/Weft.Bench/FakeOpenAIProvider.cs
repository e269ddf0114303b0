using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Weft.Bench;

/// <summary>
/// A model provider in this process on 127.0.0.1 that answers OpenAI's chat completions at once with a fixed answer and
/// its usage, plain or streamed (server-sent events, each chunk flushed, usage last when asked, then <c>[DONE]</c>), in
/// the wire format OpenAI's SDK reads. It reads the whole body and its JSON as a real server would, and does no more:
/// what a caller measures against it is the caller's own time and the round trip.
/// </summary>
internal sealed class FakeOpenAIProvider : IAsyncDisposable
{
    public const string Answer = "Order 1042 ships today.";
    public const int InputTokens = 24;
    public const int OutputTokens = 6;
    private static readonly string[] Pieces = ["Order 1042 ", "ships ", "today."];
    private readonly WebApplication app;

    private FakeOpenAIProvider(WebApplication app)
    {
        this.app = app;
        app.MapPost("/v1/chat/completions", ChatAsync);
    }

    /// <summary>OpenAI's base URL at this server, with <c>/v1</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<FakeOpenAIProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var provider = new FakeOpenAIProvider(builder.Build());
        await provider.app.StartAsync();
        var address = provider.app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        provider.BaseUrl = new Uri(address.TrimEnd('/') + "/v1/");
        return provider;
    }

    private static async Task ChatAsync(HttpContext http)
    {
        using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
        var root = body.RootElement;
        var model = root.TryGetProperty("model", out var m) ? m.GetString() ?? "fake" : "fake";
        var stream = root.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        const string id = "chatcmpl-bench";
        if (!stream)
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(new
            {
                id, @object = "chat.completion", created, model, system_fingerprint = "fp_bench",
                choices = new[] { new { index = 0, message = new { role = "assistant", content = Answer, refusal = (string?)null }, logprobs = (object?)null, finish_reason = "stop" } },
                usage = Usage(),
            });
            http.Response.ContentType = "application/json";
            http.Response.ContentLength = bytes.Length;
            await http.Response.Body.WriteAsync(bytes, http.RequestAborted);
            return;
        }

        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        await ChunkAsync(http, Chunk(id, created, model, new { role = "assistant", content = "" }, null));
        foreach (var piece in Pieces) await ChunkAsync(http, Chunk(id, created, model, new { content = piece }, null));
        await ChunkAsync(http, Chunk(id, created, model, new { }, "stop"));
        if (root.TryGetProperty("stream_options", out var o) && o.TryGetProperty("include_usage", out var u) && u.ValueKind == JsonValueKind.True)
            await ChunkAsync(http, new { id, @object = "chat.completion.chunk", created, model, choices = Array.Empty<object>(), usage = Usage() });
        await http.Response.Body.WriteAsync("data: [DONE]\n\n"u8.ToArray(), http.RequestAborted);
    }

    private static object Chunk(string id, long created, string model, object delta, string? finish) => new
    {
        id, @object = "chat.completion.chunk", created, model, system_fingerprint = "fp_bench",
        choices = new[] { new { index = 0, delta, logprobs = (object?)null, finish_reason = finish } },
    };

    private static object Usage() => new
    {
        prompt_tokens = InputTokens,
        completion_tokens = OutputTokens,
        total_tokens = InputTokens + OutputTokens,
        prompt_tokens_details = new { cached_tokens = 0 },
    };

    private static async Task ChunkAsync(HttpContext http, object chunk)
    {
        await http.Response.Body.WriteAsync(Encoding.UTF8.GetBytes($"data: {JsonSerializer.Serialize(chunk)}\n\n"), http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
