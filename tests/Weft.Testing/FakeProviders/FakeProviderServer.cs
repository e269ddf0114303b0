using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Weft.Testing.FakeProviders;

/// <summary>
/// A model provider on 127.0.0.1 that speaks OpenAI's, Anthropic's and Gemini's wire formats closely enough for
/// their SDKs, answering from a script. Each chat or embeddings request takes the next scripted <see cref="Reply"/>
/// (the requested model's own queue first); with nothing scripted, chat echoes the last user message as
/// <c>Echo: {text}</c>. Embeddings always answer <see cref="FakeEmbedding"/> vectors, unless the reply taken is a
/// <see cref="ReplyKind.Fail"/> or a <see cref="ReplyKind.Hang"/>. Every request is recorded.
/// </summary>
public sealed class FakeProviderServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ReplyScript script = new();
    private readonly List<RecordedRequest> requests = [];
    private readonly Lock requestsGate = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly OpenAIFake openAI = new();
    private readonly AnthropicFake anthropic = new();
    private readonly GeminiFake gemini = new();

    private FakeProviderServer(WebApplication app)
    {
        this.app = app;
        app.MapPost("/v1/chat/completions", c => ServeAsync(c, openAI, null, (request, reply) => openAI.ChatAsync(c.Response, request, reply)));
        app.MapPost("/v1/embeddings", c => ServeAsync(c, openAI, null, (request, _) => openAI.EmbeddingsAsync(c.Response, request)));
        app.MapGet("/v1/models", c => OpenAIFake.ModelsAsync(c.Response, Models));
        app.MapPost("/v1/messages", c => ServeAsync(c, anthropic, null, (request, reply) => anthropic.MessagesAsync(c.Response, request, reply)));
        app.MapPost("/v1beta/models/{target}", GeminiAsync);
    }

    /// <summary>The root of all three APIs, e.g. <c>http://127.0.0.1:5123/</c>: Anthropic's and Gemini's base URL.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>OpenAI's base URL, which includes <c>/v1</c>.</summary>
    public Uri OpenAIBaseUrl => new(BaseUrl, "v1");

    /// <summary>What <c>GET /v1/models</c> lists.</summary>
    public List<string> Models { get; } = ["fake-chat", "fake-embedding"];

    /// <summary>Every request received so far, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (requestsGate) return [.. requests];
        }
    }

    public RecordedRequest LastRequest => Requests is [.., var last] ? last : throw new InvalidOperationException("No request has arrived.");

    public static async Task<FakeProviderServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var server = new FakeProviderServer(builder.Build());
        await server.app.StartAsync();
        var address = server.app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server.BaseUrl = new Uri(address.EndsWith('/') ? address : address + "/");
        return server;
    }

    /// <summary>Replies for requests of any model, taken one per request in order.</summary>
    public void Script(params Reply[] replies) => script.Add(null, replies);

    /// <summary>Replies for requests naming this model, taken before those for any model.</summary>
    public void ScriptFor(string model, params Reply[] replies) => script.Add(model, replies);

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await app.StopAsync();
        await app.DisposeAsync();
        stopping.Dispose();
    }

    private Task GeminiAsync(HttpContext context)
    {
        var target = (string)context.Request.RouteValues["target"]!;
        var colon = target.LastIndexOf(':');
        if (colon < 0) return NotFoundAsync(context);
        var model = target[..colon];
        return target[(colon + 1)..] switch
        {
            "generateContent" => ServeAsync(context, gemini, model, (r, reply) => gemini.GenerateAsync(context.Response, r, reply, streaming: false)),
            "streamGenerateContent" => ServeAsync(context, gemini, model, (r, reply) => gemini.GenerateAsync(context.Response, r, reply, streaming: true)),
            "embedContent" => ServeAsync(context, gemini, model, (r, _) => GeminiFake.EmbedAsync(context.Response, r)),
            "batchEmbedContents" => ServeAsync(context, gemini, model, (r, _) => GeminiFake.BatchEmbedAsync(context.Response, r)),
            _ => NotFoundAsync(context),
        };
    }

    private static Task NotFoundAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    private async Task ServeAsync(HttpContext context, FakeProtocol protocol, string? modelInPath, Func<RecordedRequest, Reply, Task> answer)
    {
        var request = await RecordAsync(context, modelInPath);
        var reply = script.Next(request.Model) ?? Reply.Text($"Echo: {protocol.LastUserText(request.Body)}");
        switch (reply.Kind)
        {
            case ReplyKind.Fail:
                context.Response.StatusCode = reply.Status;
                await context.Response.WriteAsJsonAsync(protocol.ErrorBody(reply.Status));
                break;
            case ReplyKind.Hang:
                await HangAsync(context);
                break;
            case ReplyKind.Garbage:
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("<html><body>Bad gateway</body></html>");
                break;
            default:
                await answer(request, reply);
                break;
        }
    }

    private async Task HangAsync(HttpContext context)
    {
        using var gone = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping.Token);
        try
        {
            await Task.Delay(Timeout.Infinite, gone.Token);
        }
        catch (OperationCanceledException)
        {
            context.Abort();
        }
    }

    private async Task<RecordedRequest> RecordAsync(HttpContext context, string? modelInPath)
    {
        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync(context.RequestAborted);
        JsonNode? body = null;
        try
        {
            body = text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (JsonException)
        {
        }
        var model = modelInPath ?? (body?["model"] is JsonValue value && value.TryGetValue<string>(out var named) ? named : null);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new RecordedRequest(context.Request.Method, context.Request.Path.Value ?? "", context.Request.QueryString.Value ?? "", headers, body, model);
        lock (requestsGate) requests.Add(request);
        return request;
    }
}
