using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;

namespace Weft.Host.Tests;

/// <summary>
/// A visitor of a tenant's web site chats through the widget's API without signing in: the start returns the token
/// the conversation is reached with, the live channel (a WebSocket) pushes every message the customer may see and takes
/// theirs, a reconnect reads what it missed after the last id it had, and a message resent with its client id is kept
/// once. The team's live feed gets every message, internal notes included. Solving asks the customer for a rating.
/// </summary>
public sealed class ChattingThroughTheWidget
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_widget_chat_goes_both_ways_live_and_a_reconnect_misses_nothing(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        using var visitor = api.CreateClient();
        var started = await WeftCaller.OkAsync(visitor, HttpMethod.Post, "/api/v1/support/widget/default/conversations",
            new { name = "Ines Duarte", email = "ines@example.com", message = "Hello, is the saddle bag in stock?", clientId = "w-0" });
        var id = started["conversation"]!.GetValue<long>();
        var token = started["token"]!.GetValue<string>();
        token.Length.ShouldBeGreaterThanOrEqualTo(32);
        var first = started["messages"]!.AsArray().Single()!["id"]!.GetValue<long>();

        using var team = await ConnectAsync(api, "/api/v1/support/live", "ApiKey " + api.AdminKey);
        (await team.NextAsync(f => f["type"]!.GetValue<string>() == "ready")).ShouldNotBeNull();
        var widget = await ConnectAsync(api, $"/api/v1/support/widget/default/conversations/{id}/live?token={token}&after=0");
        (await widget.NextAsync(f => f["type"]!.GetValue<string>() == "message"))["message"]!["id"]!.GetValue<long>().ShouldBe(first);
        await widget.NextAsync(f => f["type"]!.GetValue<string>() == "ready");

        await widget.SendAsync(new { type = "message", body = "It's for a gift.", clientId = "w-1" });
        var ack = await widget.NextAsync(f => f["type"]!.GetValue<string>() == "ack");
        ack["clientId"]!.GetValue<string>().ShouldBe("w-1");
        var seenByTeam = await team.NextAsync(f => f["type"]!.GetValue<string>() == "message" && f["message"]!["body"]!.GetValue<string>() == "It's for a gift.");
        seenByTeam["conversation"]!["number"]!.GetValue<long>().ShouldBe(1001);
        seenByTeam["message"]!["kind"]!.GetValue<string>().ShouldBe("customer");

        // The team's note reaches the team's screens only; the reply reaches the customer.
        await api.OkAsync(HttpMethod.Post, $"/api/v1/support/conversations/{id}/messages", new { kind = "note", body = "VIP: third order this year." });
        await api.OkAsync(HttpMethod.Post, $"/api/v1/support/conversations/{id}/messages", new { kind = "agent", body = "Yes, two left in tan." });
        (await team.NextAsync(f => f["message"]?["kind"]?.GetValue<string>() == "note"))["message"]!["body"]!.GetValue<string>().ShouldBe("VIP: third order this year.");
        var reply = await widget.NextAsync(f => f["type"]!.GetValue<string>() == "message" && f["message"]!["kind"]!.GetValue<string>() == "agent");
        reply["message"]!["body"]!.GetValue<string>().ShouldBe("Yes, two left in tan.");
        widget.Received.ShouldNotContain(f => f["message"] != null && f["message"]!["kind"]!.GetValue<string>() == "note");
        var lastSeen = reply["message"]!["id"]!.GetValue<long>();

        // The line drops; the team answers meanwhile; the widget reconnects after the last id it has.
        widget.Dispose();
        await api.OkAsync(HttpMethod.Post, $"/api/v1/support/conversations/{id}/messages", new { kind = "agent", body = "Shall I reserve one?" });
        using var again = await ConnectAsync(api, $"/api/v1/support/widget/default/conversations/{id}/live?token={token}&after={lastSeen}");
        var missed = await again.NextAsync(f => f["type"]!.GetValue<string>() == "message");
        missed["message"]!["body"]!.GetValue<string>().ShouldBe("Shall I reserve one?");
        await again.NextAsync(f => f["type"]!.GetValue<string>() == "ready");
        again.Received.Count(f => f["type"]!.GetValue<string>() == "message").ShouldBe(1);

        // A message resent after the drop (its answer was lost) is recorded once.
        await again.SendAsync(new { type = "message", body = "It's for a gift.", clientId = "w-1" });
        (await again.NextAsync(f => f["type"]!.GetValue<string>() == "ack"))["id"]!.GetValue<long>().ShouldBe(ack["id"]!.GetValue<long>());
        await again.SendAsync(new { type = "dance" });
        (await again.NextAsync(f => f["type"]!.GetValue<string>() == "error"))["code"]!.GetValue<string>().ShouldBe("invalid_frame");

        // Solved: the widget hears it (and asks for a rating); the customer rates.
        await api.OkAsync(HttpMethod.Post, $"/api/v1/support/conversations/{id}/status", new { status = "solved" });
        (await again.NextAsync(f => f["type"]!.GetValue<string>() == "message" && f["status"]!.GetValue<string>() == "solved"))["message"]!["kind"]!.GetValue<string>().ShouldBe("system");
        using var rating = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/support/widget/default/conversations/{id}/rating")
        {
            Content = JsonContent(new { score = 5, comment = "Quick and kind." }),
        };
        rating.Headers.Add("Weft-Conversation-Token", token);
        (await (await visitor.SendAsync(rating)).ShouldBeOkAsync())["score"]!.GetValue<int>().ShouldBe(5);
        var rated = (await api.OkAsync(HttpMethod.Get, $"/api/v1/support/conversations/{id}"))["conversation"]!;
        rated["csatScore"]!.GetValue<int>().ShouldBe(5);
        rated["csatComment"]!.GetValue<string>().ShouldBe("Quick and kind.");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_wrong_token_an_unknown_desk_or_a_bad_rating_changes_nothing(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        using var visitor = api.CreateClient();
        var started = await WeftCaller.OkAsync(visitor, HttpMethod.Post, "/api/v1/support/widget/default/conversations", new { message = "Hi" });
        var id = started["conversation"]!.GetValue<long>();
        var token = started["token"]!.GetValue<string>();

        await (await visitor.GetAsync($"/api/v1/support/widget/default/conversations/{id}?token=not-the-token")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "conversation_not_found");
        await (await visitor.PostAsync($"/api/v1/support/widget/default/conversations/{id}/messages?token=nope", JsonContent(new { body = "x" })))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "conversation_not_found");
        await (await visitor.PostAsync("/api/v1/support/widget/nowhere/conversations", JsonContent(new { message = "Hi" }))).ShouldBeProblemAsync(HttpStatusCode.NotFound, "tenant_not_found");
        await (await visitor.PostAsync("/api/v1/support/widget/default/conversations", JsonContent(new { message = "" }))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await visitor.GetAsync($"/api/v1/support/widget/default/conversations/{id}/live?token={token}")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "websocket_required");
        await Should.ThrowAsync<Exception>(() => api.CreateWebSocketClient().ConnectAsync(new Uri($"ws://localhost/api/v1/support/widget/default/conversations/{id}/live?token=nope"), CancellationToken.None));
        await (await visitor.PostAsync($"/api/v1/support/widget/default/conversations/{id}/rating?token={token}", JsonContent(new { score = 4 })))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "not_solved");
        await api.OkAsync(HttpMethod.Post, $"/api/v1/support/conversations/{id}/status", new { status = "solved" });
        await (await visitor.PostAsync($"/api/v1/support/widget/default/conversations/{id}/rating?token={token}", JsonContent(new { score = 9 })))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        var detail = await WeftCaller.OkAsync(visitor, HttpMethod.Get, $"/api/v1/support/widget/default/conversations/{id}?token={token}", null);
        detail["messages"]!.AsArray().Select(m => m!["kind"]!.GetValue<string>()).ShouldBe(["customer", "system"]);
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/support/conversations/{id}"))["conversation"]!["csatScore"].ShouldBeNull();
        // The demo shop page carries the widget's tag.
        var shop = await (await visitor.GetAsync("/support/demo-shop?tenant=default")).Content.ReadAsStringAsync();
        shop.ShouldContain("""<script src="/_content/Weft.Support/weft-chat.js" data-tenant="default" """);
    }

    private static StringContent JsonContent(object body) => new(System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private static async Task<Socket> ConnectAsync(WeftApi api, string path, string? authorization = null)
    {
        var socket = await api.CreateWebSocketClient(authorization).ConnectAsync(new Uri("ws://localhost" + path), CancellationToken.None);
        return new Socket(socket);
    }

    /// <summary>A WebSocket's frames as JSON, read in order; what was read stays in <see cref="Received"/>.</summary>
    private sealed class Socket(WebSocket socket) : IDisposable
    {
        public List<JsonNode> Received { get; } = [];
        private int read;

        public Task SendAsync(object frame) =>
            socket.SendAsync(Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(frame)), WebSocketMessageType.Text, true, CancellationToken.None);

        /// <summary>The next frame (after those already taken) that matches; a hang guard of a minute fails the test instead of blocking it.</summary>
        public async Task<JsonNode> NextAsync(Func<JsonNode, bool> match)
        {
            using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            while (true)
            {
                while (read < Received.Count)
                {
                    var frame = Received[read++];
                    if (match(frame)) return frame;
                }
                var buffer = new byte[64 * 1024];
                var length = 0;
                WebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(new ArraySegment<byte>(buffer, length, buffer.Length - length), guard.Token);
                    length += result.Count;
                } while (!result.EndOfMessage);
                if (result.MessageType == WebSocketMessageType.Close) throw new InvalidOperationException("The server closed the socket.");
                Received.Add(JsonNode.Parse(Encoding.UTF8.GetString(buffer, 0, length))!);
            }
        }

        public void Dispose() => socket.Dispose();
    }
}
