using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Weft.Host.Tests.Infrastructure;

/// <summary>One request a <see cref="WebhookReceiver"/> took, with the status it answered.</summary>
public sealed record ReceivedWebhook(string Path, IReadOnlyDictionary<string, string> Headers, string Body, int Answered);

/// <summary>
/// A real HTTP server (Kestrel on 127.0.0.1, a free port) standing in for the systems webhooks are sent to: it
/// keeps every request and answers what <see cref="Answer"/> decides (200 unless told otherwise).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ReceivedWebhook> received = new();

    private WebhookReceiver(WebApplication app) => this.app = app;

    /// <summary>Decides the status of a request from its path, headers and body.</summary>
    public Func<string, IReadOnlyDictionary<string, string>, string, int> Answer { get; set; } = (_, _, _) => 200;

    /// <summary>Awaited before a request by its path is answered (and kept): a slow receiver is one that awaits a while.</summary>
    public Func<string, Task> Before { get; set; } = _ => Task.CompletedTask;

    public IReadOnlyList<ReceivedWebhook> Received => [.. received];

    public string BaseUrl { get; private set; } = "";

    public string Url(string path) => BaseUrl + path;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.Run(async http =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            await receiver.Before(http.Request.Path.Value ?? "");
            var headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            var status = receiver.Answer(http.Request.Path.Value ?? "", headers, body);
            receiver.received.Enqueue(new ReceivedWebhook(http.Request.Path.Value ?? "", headers, body, status));
            http.Response.StatusCode = status;
            await http.Response.WriteAsync(status < 300 ? "thanks" : "not now");
        });
        await app.StartAsync();
        receiver.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
