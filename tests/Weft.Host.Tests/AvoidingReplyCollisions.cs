using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Weft.Host.Tests.Infrastructure;
using Weft.Support.Live;
using Weft.Testing;

namespace Weft.Host.Tests;

/// <summary>
/// Two people answering one customer at once: a reply sent against what its writer last saw is refused when the customer
/// or someone else wrote since, with what they wrote, and goes through when sent again knowing it; and the workspace
/// shows who else has the conversation open and who is writing.
/// </summary>
public sealed class AvoidingReplyCollisions
{
    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task A_reply_written_against_an_old_read_is_refused_with_what_came_since_and_can_be_sent_anyway(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var pat = await SupportTeam.PersonAsync(api, "pat", "Pat Jones");
        var sam = await SupportTeam.PersonAsync(api, "sam", "Sam Reed");
        var started = await SupportTeam.StartAsync(api, "Is the tote waterproof?");
        var id = started["conversation"]!["id"]!.GetValue<long>();
        var seenByPat = started["messages"]!.AsArray().Single()!["id"]!.GetValue<long>();

        // While Pat reads, the customer adds something and Sam answers it.
        var more = await api.OkAsync(HttpMethod.Post, $"/api/v1/support/conversations/{id}/messages", new { kind = "customer", body = "And the weekender?" });
        var samsReply = await sam.OkAsync(HttpMethod.Post, $"/api/v1/support/conversations/{id}/messages",
            new { kind = "agent", body = "Both are water resistant.", seenUpTo = more["id"]!.GetValue<long>() });

        var refused = await (await pat.PostAsync($"/api/v1/support/conversations/{id}/messages",
            new { kind = "agent", body = "The tote is waterproof.", seenUpTo = seenByPat, clientId = "pat-1" })).ShouldBeProblemAsync(HttpStatusCode.Conflict, "conversation_changed_since_read");
        var missed = refused["errors"]!;
        missed["messages"]!.AsArray().Select(m => m!["kind"]!.GetValue<string>()).ShouldBe(["customer", "agent"]);
        missed["messages"]!.AsArray()[1]!["authorName"]!.GetValue<string>().ShouldBe("Sam Reed");
        var latest = missed["latest"]!.GetValue<long>();
        latest.ShouldBe(samsReply["id"]!.GetValue<long>());
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/support/conversations/{id}"))["messages"]!.AsArray().Count.ShouldBe(3);

        // Notes and Pat's own messages are no collision; having read what came, Pat sends anyway.
        var note = await sam.OkAsync(HttpMethod.Post, $"/api/v1/support/conversations/{id}/messages", new { kind = "note", body = "Pat, over to you." });
        var sent = await pat.OkAsync(HttpMethod.Post, $"/api/v1/support/conversations/{id}/messages",
            new { kind = "agent", body = "To add: the tote is fully waterproof.", seenUpTo = latest, clientId = "pat-1" });
        sent["id"]!.GetValue<long>().ShouldBeGreaterThan(note["id"]!.GetValue<long>());
        await pat.OkAsync(HttpMethod.Post, $"/api/v1/support/conversations/{id}/messages", new { kind = "note", body = "Told them.", seenUpTo = latest });

        // Without seenUpTo a reply goes as before, whatever came.
        await api.OkAsync(HttpMethod.Post, $"/api/v1/support/conversations/{id}/messages", new { kind = "customer", body = "Thanks!" });
        await sam.OkAsync(HttpMethod.Post, $"/api/v1/support/conversations/{id}/messages", new { kind = "agent", body = "Enjoy it." });

        // A macro's reply is guarded the same way.
        var macro = await api.OkAsync(HttpMethod.Post, "/api/v1/support/macros", new { title = "Bye", body = "Bye, {{customer.first_name}}." });
        await (await pat.PostAsync($"/api/v1/support/conversations/{id}/macros/{macro["id"]}", new { seenUpTo = latest }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "conversation_changed_since_read");
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/support/conversations/{id}"))["messages"]!.AsArray()
            .Count(m => m!["body"]!.GetValue<string>() == "Bye, Ana.").ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task Who_else_has_the_conversation_open_and_who_is_writing_is_seen_by_the_others(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var pat = await SupportTeam.PersonAsync(api, "pat", "Pat Jones");
        var sam = await SupportTeam.PersonAsync(api, "sam", "Sam Reed");
        var id = (await SupportTeam.StartAsync(api, "Hello?"))["conversation"]!["id"]!.GetValue<long>();
        var url = $"/api/v1/support/conversations/{id}/presence";

        (await pat.OkAsync(HttpMethod.Put, url, new { typing = false }))["others"]!.AsArray().ShouldBeEmpty();
        var seen = (await sam.OkAsync(HttpMethod.Put, url, new { typing = false }))["others"]!.AsArray().Single()!;
        seen["person"]!.GetValue<string>().ShouldBe("pat");
        seen["name"]!.GetValue<string>().ShouldBe("Pat Jones");
        seen["typing"]!.GetValue<bool>().ShouldBeFalse();

        await pat.OkAsync(HttpMethod.Put, url, new { typing = true });
        (await sam.OkAsync(HttpMethod.Get, url))["others"]!.AsArray().Single()!["typing"]!.GetValue<bool>().ShouldBeTrue();
        (await pat.OkAsync(HttpMethod.Get, url))["others"]!.AsArray().Single()!["name"]!.GetValue<string>().ShouldBe("Sam Reed");

        // Writing that is not renewed stops; a screen that is not renewed goes.
        api.Clock.Advance(SupportPresence.TypingExpiry + TimeSpan.FromSeconds(1));
        (await sam.OkAsync(HttpMethod.Get, url))["others"]!.AsArray().Single()!["typing"]!.GetValue<bool>().ShouldBeFalse();
        await sam.OkAsync(HttpMethod.Put, url, new { typing = false });
        api.Clock.Advance(SupportPresence.Expiry - SupportPresence.TypingExpiry);
        (await sam.OkAsync(HttpMethod.Get, url))["others"]!.AsArray().ShouldBeEmpty();
        (await pat.OkAsync(HttpMethod.Get, url))["others"]!.AsArray().Single()!["person"]!.GetValue<string>().ShouldBe("sam");

        // Leaving is seen at once, and watchers (the workspace pages) are told.
        var presence = api.Services.GetRequiredService<SupportPresence>();
        var told = 0;
        using (presence.Watch(1, id, () => Interlocked.Increment(ref told)))
        {
            (await sam.SendAsync(HttpMethod.Delete, url)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
            (await pat.OkAsync(HttpMethod.Get, url))["others"]!.AsArray().ShouldBeEmpty();
            presence.Here(1, id, "page-1", "sam", "Sam Reed", typing: true);
            presence.Others(1, id, "pat").Single().Typing.ShouldBeTrue();
        }
        told.ShouldBe(2);
        await (await pat.SendAsync(HttpMethod.Put, "/api/v1/support/conversations/999999/presence", new { typing = true }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "conversation_not_found");
    }
}
