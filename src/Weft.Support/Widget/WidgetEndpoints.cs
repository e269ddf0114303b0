using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Weft.Platform.Errors;
using Weft.Platform.Tenancy;
using Weft.Platform.Web.Security;
using Weft.Support.Conversations;
using Weft.Support.Live;

namespace Weft.Support.Widget;

/// <summary>The body with which a visitor's widget starts a chat.</summary>
internal sealed record WidgetStartRequest(string? Name, string? Email, string? Message, string? ClientId);

/// <summary>What a started chat's widget keeps: the conversation and the token it proves access with.</summary>
internal sealed record WidgetChat(long Conversation, long Number, string Token, string Status, IReadOnlyList<MessageDto> Messages);

/// <summary>The body of a customer's message from the widget.</summary>
internal sealed record WidgetMessageRequest(string? Body, string? ClientId)
{
    /// <summary>The ids of files uploaded for this conversation (<c>…/uploads</c>) that the message carries.</summary>
    public IReadOnlyList<long>? Attachments { get; init; }
}

/// <summary>
/// The chat widget's API, for visitors of a tenant's own web site: no sign-in, the tenant named by its key, and each
/// conversation reached with the access token its start returned (a wrong token answers like a missing conversation).
/// The live channel is a WebSocket: the server pushes every message the customer may see (never internal notes), the
/// customer sends messages with a client id (a resend after a reconnect is recorded once), and a reconnect names the
/// last message id it has, so nothing is lost in between.
/// </summary>
internal static class WidgetEndpoints
{
    public const int MaxFrame = 32 * 1024;

    /// <summary>Who a customer's messages and uploads through the widget are recorded as.</summary>
    public const string Actor = "widget";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly ConcurrentDictionary<string, long> Tenants = new(StringComparer.Ordinal);

    public static void MapWidget(this IEndpointRouteBuilder app)
    {
        // A customer's web site, as a tenant's would be, with the widget's one tag: try the chat as a customer would.
        app.MapGet("/support/demo-shop", (string? tenant) => Results.Content(DemoShop.Html(FieldErrors.IsKey(tenant) ? tenant! : "demo"), "text/html; charset=utf-8"))
            .AllowAnonymous().ExcludeFromDescription();
        var group = app.MapGroup("/api/v1/support/widget/{tenant}").WithTags("Support chat widget").AllowAnonymous();
        group.MapPost("/conversations", async (HttpContext http, Conversations.Conversations all, ITenantDirectory tenants, string tenant, WidgetStartRequest body) =>
        {
            var id = await TenantAsync(tenants, tenant, http.RequestAborted);
            ArgumentNullException.ThrowIfNull(body);
            // A visitor who gives neither name nor email is a visitor still: named so the team can tell chats apart.
            var name = !string.IsNullOrWhiteSpace(body.Name) ? body.Name
                : string.IsNullOrWhiteSpace(body.Email) ? $"Visitor {System.Security.Cryptography.RandomNumberGenerator.GetInt32(1000, 10000)}" : null;
            var started = await all.StartAsync(id, Actor, new StartConversationRequest(
                new CustomerRef(name, string.IsNullOrWhiteSpace(body.Email) ? null : body.Email, null), Channels.Chat, null, body.Message, null, body.ClientId),
                http.RequestAborted);
            var token = await all.AccessTokenAsync(id, started.Conversation.Id, http.RequestAborted);
            return TypedResults.Created($"/api/v1/support/widget/{tenant}/conversations/{started.Conversation.Id}",
                new WidgetChat(started.Conversation.Id, started.Conversation.Number, token, started.Conversation.Status, started.Messages));
        }).RequireRateLimiting(WebSecurity.PublicStartLimit);
        group.MapGet("/conversations/{id:long}", async (HttpContext http, Conversations.Conversations all, ITenantDirectory tenants, string tenant, long id,
            string? token, long? after) =>
        {
            var t = await TenantAsync(tenants, tenant, http.RequestAborted);
            // A conversation merged into another is read (and written) there: the widget keeps the id and token it has.
            var conversation = await all.ForCustomerAsync(t, id, TokenOf(http, token), http.RequestAborted);
            var detail = await all.GetAsync(t, conversation.Id, after, http.RequestAborted);
            return new WidgetChat(id, conversation.Number, "", conversation.Status, [.. detail.Messages.Where(Visible)]);
        });
        group.MapPost("/conversations/{id:long}/messages", async (HttpContext http, Conversations.Conversations all, ITenantDirectory tenants, string tenant,
            long id, string? token, WidgetMessageRequest body) =>
        {
            var t = await TenantAsync(tenants, tenant, http.RequestAborted);
            var conversation = await all.ForCustomerAsync(t, id, TokenOf(http, token), http.RequestAborted);
            ArgumentNullException.ThrowIfNull(body);
            var message = await all.AddMessageAsync(t, Actor, null, conversation.Id,
                new AddMessageRequest(MessageKinds.Customer, body.Body, body.ClientId) { Attachments = body.Attachments }, http.RequestAborted);
            return TypedResults.Created($"/api/v1/support/widget/{tenant}/conversations/{id}?after={message.Id - 1}", message);
        });
        group.MapPost("/conversations/{id:long}/rating", async (HttpContext http, Conversations.Conversations all, ITenantDirectory tenants, string tenant,
            long id, string? token, RateRequest body) =>
        {
            var t = await TenantAsync(tenants, tenant, http.RequestAborted);
            var conversation = await all.ForCustomerAsync(t, id, TokenOf(http, token), http.RequestAborted);
            var rated = await all.RateAsync(t, conversation.Id, body, http.RequestAborted);
            return new RatingDto(rated.CsatScore, rated.CsatComment);
        });
        group.MapGet("/conversations/{id:long}/live", async (HttpContext http, Conversations.Conversations all, ITenantDirectory tenants, SupportLive live,
            ILoggerFactory logs, string tenant, long id, string? token, long? after) =>
        {
            if (!http.WebSockets.IsWebSocketRequest)
                throw WeftException.Invalid("websocket_required", "This address is a WebSocket: connect with ws:// or wss://.");
            var t = await TenantAsync(tenants, tenant, http.RequestAborted);
            var conversation = await all.ForCustomerAsync(t, id, TokenOf(http, token), http.RequestAborted);
            using var socket = await http.WebSockets.AcceptWebSocketAsync();
            await new WidgetConnection(socket, all, live, logs.CreateLogger("Weft.Support.Widget"), t, conversation.Id).RunAsync(after ?? 0, http.RequestAborted);
            return Results.Empty;
        });
    }

    /// <summary>What the customer sees: everything but the team's internal notes.</summary>
    public static bool Visible(MessageDto message) => message.Kind != MessageKinds.Note;

    internal static string? TokenOf(HttpContext http, string? token) =>
        token ?? (http.Request.Headers.TryGetValue("Weft-Conversation-Token", out var header) ? header.ToString() : null);

    internal static async Task<long> TenantAsync(ITenantDirectory tenants, string key, CancellationToken ct)
    {
        if (Tenants.TryGetValue(key, out var known)) return known;
        var id = FieldErrors.IsKey(key) ? await tenants.IdOfAsync(key, ct) : null;
        if (id is null) throw WeftException.NotFound("tenant_not_found", $"There is no support desk '{key}'.");
        Tenants[key] = id.Value;
        return id.Value;
    }

    /// <summary>One widget's WebSocket: a sender (the only writer of the socket) draining an outbox, and a receiver.</summary>
    private sealed class WidgetConnection(WebSocket socket, Conversations.Conversations all, SupportLive live, ILogger log, long tenant, long id)
    {
        /// <summary>A widget that falls this far behind is disconnected; it reconnects and reads what it missed.</summary>
        public const int MaxQueued = 1000;

        private readonly Channel<object> outbox = Channel.CreateBounded<object>(new BoundedChannelOptions(MaxQueued) { FullMode = BoundedChannelFullMode.DropWrite });

        public async Task RunAsync(long after, CancellationToken aborted)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(aborted);
            using var watching = await live.WatchAsync(tenant, id, notes: false, m =>
            {
                if (!outbox.Writer.TryWrite(new { type = "message", status = m.Status, message = m.Message })) stop.Cancel();
            });
            var backlog = await all.GetAsync(tenant, id, after, stop.Token);
            foreach (var message in backlog.Messages.Where(Visible)) outbox.Writer.TryWrite(new { type = "message", status = backlog.Conversation.Status, message });
            outbox.Writer.TryWrite(new { type = "ready", status = backlog.Conversation.Status, number = backlog.Conversation.Number });
            var sending = SendAsync(stop.Token);
            try
            {
                await ReceiveAsync(stop.Token);
            }
            finally
            {
                outbox.Writer.TryComplete();
                stop.Cancel();
                try
                {
                    await sending;
                }
                catch (Exception e) when (e is OperationCanceledException or WebSocketException)
                {
                }
            }
        }

        private async Task SendAsync(CancellationToken ct)
        {
            await foreach (var item in outbox.Reader.ReadAllAsync(ct))
            {
                if (socket.State != WebSocketState.Open) return;
                await socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(item, Json), WebSocketMessageType.Text, true, ct);
            }
        }

        private async Task ReceiveAsync(CancellationToken ct)
        {
            var buffer = new byte[MaxFrame];
            try
            {
                while (socket.State == WebSocketState.Open && !ct.IsCancellationRequested)
                {
                    var length = 0;
                    ValueWebSocketReceiveResult result;
                    do
                    {
                        if (length == buffer.Length)
                        {
                            await socket.CloseAsync(WebSocketCloseStatus.MessageTooBig, $"A message is at most {MaxFrame / 1024} KB.", ct);
                            return;
                        }
                        result = await socket.ReceiveAsync(buffer.AsMemory(length), ct);
                        length += result.Count;
                    } while (!result.EndOfMessage);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, ct);
                        return;
                    }
                    await HandleAsync(Encoding.UTF8.GetString(buffer, 0, length), ct);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException)
            {
            }
        }

        private async Task HandleAsync(string text, CancellationToken ct)
        {
            WidgetFrame? frame;
            try
            {
                frame = JsonSerializer.Deserialize<WidgetFrame>(text, Json);
            }
            catch (JsonException)
            {
                frame = null;
            }
            if (frame?.Type == "ping")
            {
                outbox.Writer.TryWrite(new { type = "pong" });
                return;
            }
            if (frame?.Type != "message")
            {
                outbox.Writer.TryWrite(new { type = "error", code = "invalid_frame", detail = "Send {\"type\": \"message\", \"body\": \"…\", \"clientId\": \"…\"} or {\"type\": \"ping\"}." });
                return;
            }
            try
            {
                var message = await all.AddMessageAsync(tenant, Actor, null, id,
                    new AddMessageRequest(MessageKinds.Customer, frame.Body, frame.ClientId) { Attachments = frame.Attachments }, ct);
                outbox.Writer.TryWrite(new { type = "ack", clientId = frame.ClientId, id = message.Id });
            }
            catch (WeftException e)
            {
                outbox.Writer.TryWrite(new { type = "error", clientId = frame.ClientId, code = e.Code, detail = e.Message });
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "A chat message of conversation {Conversation} was not saved; the widget sends it again", id);
                // The database refused for now (too many connections, a restart): the line stays open, and the widget
                // sends the message again with the same client id, kept once.
                outbox.Writer.TryWrite(new { type = "error", clientId = frame.ClientId, code = "unavailable", detail = "The message was not saved; it is sent again.", retry = true });
            }
        }
    }

    /// <summary>What the customer's rating became, as the widget shows it back.</summary>
    internal sealed record RatingDto(int? Score, string? Comment);

    private sealed record WidgetFrame(string? Type, string? Body, string? ClientId, IReadOnlyList<long>? Attachments);
}
