using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Weft.Platform.Errors;
using Weft.Platform.Web.Security;

namespace Weft.Support.Live;

/// <summary>
/// The team's live feed, a WebSocket: every new message of the tenant's conversations (internal notes included) with
/// its conversation's number, status and handover reason, as an agent's screen shows them. Read-only: replies go through
/// the conversations API, which completes the flow's reply step.
/// </summary>
internal static class LiveEndpoints
{
    public const int MaxQueued = 5000;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void MapSupportLive(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/support/live", async (HttpContext http, SupportLive live) =>
        {
            if (!http.WebSockets.IsWebSocketRequest)
                throw WeftException.Invalid("websocket_required", "This address is a WebSocket: connect with ws:// or wss://.");
            var tenant = http.User.TenantOf()!.Value;
            using var socket = await http.WebSockets.AcceptWebSocketAsync();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
            var outbox = Channel.CreateBounded<LiveMessage>(new BoundedChannelOptions(MaxQueued) { FullMode = BoundedChannelFullMode.DropWrite });
            using var watching = await live.WatchAsync(tenant, null, notes: true, m =>
            {
                // A screen this far behind is dropped; it reconnects and reloads.
                if (!outbox.Writer.TryWrite(m)) stop.Cancel();
            });
            var receiving = DrainAsync(socket, stop);
            try
            {
                await socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(new { type = "ready" }, Json), WebSocketMessageType.Text, true, stop.Token);
                await foreach (var m in outbox.Reader.ReadAllAsync(stop.Token))
                {
                    var frame = new
                    {
                        type = "message",
                        conversation = new { id = m.Conversation, number = m.Number, status = m.Status, subject = m.Subject, handoverReason = m.HandoverReason },
                        message = m.Message,
                    };
                    await socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(frame, Json), WebSocketMessageType.Text, true, stop.Token);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException)
            {
            }
            await receiving;
            return Results.Empty;
        }).WithTags("Support conversations").RequireAuthorization(SupportPermissions.Read);
    }

    /// <summary>Reads (and ignores) what the client sends, until it closes; then stops the sender.</summary>
    private static async Task DrainAsync(WebSocket socket, CancellationTokenSource stop)
    {
        var buffer = new byte[1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(), stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, stop.Token);
                    break;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }
        finally
        {
            await stop.CancelAsync();
        }
    }
}
