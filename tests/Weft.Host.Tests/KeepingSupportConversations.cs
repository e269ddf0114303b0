using System.Net;
using System.Text.Json.Nodes;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;

namespace Weft.Host.Tests;

/// <summary>
/// Conversations over the API: a customer's first message starts one (the customer found by email, or made), people on
/// the team reply and note, statuses move as a help desk's do, a client that reconnects reads what came after the last
/// message it saw, and a message sent twice with the same client id is recorded once.
/// </summary>
public sealed class KeepingSupportConversations
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_conversation_starts_with_the_customers_message_and_the_team_answers_it(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var started = await api.OkAsync(HttpMethod.Post, "/api/v1/support/conversations", new
        {
            customer = new { name = "Ana Lima", email = "Ana@Example.com", language = "pt-BR" },
            message = "My order 1042 arrived damaged.\nThe strap is torn.", clientId = "c-1",
        });
        var conversation = started["conversation"]!;
        var id = conversation["id"]!.GetValue<long>();
        conversation["number"]!.GetValue<long>().ShouldBe(1001);
        conversation["status"]!.GetValue<string>().ShouldBe("new");
        conversation["subject"]!.GetValue<string>().ShouldBe("My order 1042 arrived damaged.");
        conversation["customerEmail"]!.GetValue<string>().ShouldBe("ana@example.com");
        conversation["language"]!.GetValue<string>().ShouldBe("pt-BR");

        // The same customer writing again is found by email.
        var second = await api.OkAsync(HttpMethod.Post, "/api/v1/support/conversations",
            new { customer = new { email = "ana@example.com" }, subject = "Invoice", message = "Can I get an invoice?" });
        second["conversation"]!["customer"]!.GetValue<long>().ShouldBe(conversation["customer"]!.GetValue<long>());
        second["conversation"]!["number"]!.GetValue<long>().ShouldBe(1002);

        var firstMessage = started["messages"]!.AsArray().Single()!["id"]!.GetValue<long>();
        await api.OkAsync(HttpMethod.Post, $"/api/v1/support/conversations/{id}/messages", new { kind = "note", body = "Check the courier's photos." });
        var reply = await api.OkAsync(HttpMethod.Post, $"/api/v1/support/conversations/{id}/messages", new { kind = "agent", body = "Sorry! A new strap is on its way.", clientId = "r-1" });
        // Sent again after a lost answer: recorded once.
        var again = await api.OkAsync(HttpMethod.Post, $"/api/v1/support/conversations/{id}/messages", new { kind = "agent", body = "Sorry! A new strap is on its way.", clientId = "r-1" });
        again["id"]!.GetValue<long>().ShouldBe(reply["id"]!.GetValue<long>());

        // A client that saw the first message reads what came after it.
        var after = await api.OkAsync(HttpMethod.Get, $"/api/v1/support/conversations/{id}?after={firstMessage}");
        after["messages"]!.AsArray().Select(m => m!["kind"]!.GetValue<string>()).ShouldBe(["note", "agent"]);
        after["conversation"]!["status"]!.GetValue<string>().ShouldBe("open");
        after["conversation"]!["firstReplyAt"].ShouldNotBeNull();

        // Pending on the customer; their answer reopens it; solved; closed for good.
        await api.OkAsync(HttpMethod.Post, $"/api/v1/support/conversations/{id}/status", new { status = "pending" });
        await api.OkAsync(HttpMethod.Post, $"/api/v1/support/conversations/{id}/messages", new { kind = "customer", body = "Thanks, got it." });
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/support/conversations/{id}"))["conversation"]!["status"]!.GetValue<string>().ShouldBe("open");
        (await api.OkAsync(HttpMethod.Post, $"/api/v1/support/conversations/{id}/status", new { status = "solved" }))["solvedAt"].ShouldNotBeNull();
        await api.OkAsync(HttpMethod.Post, $"/api/v1/support/conversations/{id}/status", new { status = "closed" });
        var closed = await api.PostAsync($"/api/v1/support/conversations/{id}/messages", new { kind = "customer", body = "One more thing" });
        await closed.ShouldBeProblemAsync(HttpStatusCode.Conflict, "conversation_closed");
        await (await api.PostAsync($"/api/v1/support/conversations/{id}/status", new { status = "open" })).ShouldBeProblemAsync(HttpStatusCode.Conflict, "conversation_closed");

        var open = await api.OkAsync(HttpMethod.Get, "/api/v1/support/conversations?status=new");
        open["items"]!.AsArray().Select(c => c!["number"]!.GetValue<long>()).ShouldBe([1002L]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Malformed_conversations_and_messages_are_refused_and_change_nothing(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        await (await api.PostAsync("/api/v1/support/conversations", new { message = "Hi" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await api.PostAsync("/api/v1/support/conversations", new { customer = new { email = "not-an-email" }, message = "Hi" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await api.PostAsync("/api/v1/support/conversations", new { customer = new { email = "a@b.example" }, message = " " }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await api.PostAsync("/api/v1/support/conversations", new { customer = new { email = "a@b.example" }, message = new string('x', 10_001) }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await api.PostAsync("/api/v1/support/conversations", new { customer = new { email = "a@b.example" }, message = "Hi", channel = "fax" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        (await api.OkAsync(HttpMethod.Get, "/api/v1/support/conversations"))["items"]!.AsArray().ShouldBeEmpty();

        var id = (await api.OkAsync(HttpMethod.Post, "/api/v1/support/conversations", new { customer = new { email = "a@b.example" }, message = "Hi" }))["conversation"]!["id"]!.GetValue<long>();
        await (await api.PostAsync($"/api/v1/support/conversations/{id}/messages", new { kind = "ai", body = "I am a robot" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await api.PostAsync($"/api/v1/support/conversations/{id}/status", new { status = "lost" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await api.PostAsync($"/api/v1/support/conversations/{id}/status", new { status = "solved", version = 99 })).ShouldBeProblemAsync(HttpStatusCode.Conflict, "stale_version");
        await (await api.PostAsync("/api/v1/support/conversations/999999/messages", new { kind = "agent", body = "Hi" })).ShouldBeProblemAsync(HttpStatusCode.NotFound, "conversation_not_found");
        var detail = await api.OkAsync(HttpMethod.Get, $"/api/v1/support/conversations/{id}");
        detail["messages"]!.AsArray().Count.ShouldBe(1);
        detail["conversation"]!["status"]!.GetValue<string>().ShouldBe("new");
    }
}
