using System.Net;
using System.Text.Json.Nodes;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;

namespace Weft.Host.Tests;

/// <summary>
/// People change a conversation's priority, type, tags and assignee, guarded by its version; giving it to someone moves
/// the open reply step of its turn to them through the engine, which refuses someone who cannot take it.
/// </summary>
public sealed class EditingConversations
{
    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task Priority_type_and_tags_change_under_the_version_guard(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var started = await SupportTeam.StartAsync(api, "The zip is stuck.");
        var id = started["conversation"]!["id"]!.GetValue<long>();
        var version = started["conversation"]!["version"]!.GetValue<int>();
        started["conversation"]!["tags"]!.AsArray().ShouldBeEmpty();
        started["conversation"]!["type"].ShouldBeNull();

        var edited = await api.OkAsync(HttpMethod.Patch, $"/api/v1/support/conversations/{id}",
            new { version, priority = "high", type = "Problem", addTags = new[] { " VIP ", "vip", "Zip" } });
        edited["priority"]!.GetValue<string>().ShouldBe("high");
        edited["type"]!.GetValue<string>().ShouldBe("problem");
        edited["tags"]!.AsArray().Select(t => t!.GetValue<string>()).ShouldBe(["vip", "zip"]);
        edited["version"]!.GetValue<int>().ShouldBeGreaterThan(version);

        // Someone else's screen still holds the first version.
        await (await api.SendAsync(HttpMethod.Patch, $"/api/v1/support/conversations/{id}", new { version, priority = "low" }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "stale_version");
        var after = await api.OkAsync(HttpMethod.Patch, $"/api/v1/support/conversations/{id}",
            new { version = edited["version"]!.GetValue<int>(), type = "", removeTags = new[] { "VIP" }, addTags = new[] { "zip" } });
        after["type"].ShouldBeNull();
        after["tags"]!.AsArray().Select(t => t!.GetValue<string>()).ShouldBe(["zip"]);
        after["priority"]!.GetValue<string>().ShouldBe("high");

        foreach (var wrong in new object[]
                 {
                     new { priority = "asap" }, new { type = "banana" }, new { addTags = new[] { "two words" } }, new { addTags = new[] { new string('x', 41) } },
                     new { addTags = new[] { "" } }, new { addTags = new[] { "a" }, removeTags = new[] { "A" } }, new { assignee = "not a key!" }, new { },
                     new { addTags = Enumerable.Range(1, 21).Select(i => $"t{i}").ToArray() },
                 })
            await (await api.SendAsync(HttpMethod.Patch, $"/api/v1/support/conversations/{id}", wrong)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await api.SendAsync(HttpMethod.Patch, "/api/v1/support/conversations/999999", new { priority = "low" }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "conversation_not_found");
        var still = (await api.OkAsync(HttpMethod.Get, $"/api/v1/support/conversations/{id}"))["conversation"]!;
        still["version"]!.GetValue<int>().ShouldBe(after["version"]!.GetValue<int>());
        still["tags"]!.AsArray().Select(t => t!.GetValue<string>()).ShouldBe(["zip"]);

        await api.OkAsync(HttpMethod.Post, $"/api/v1/support/conversations/{id}/status", new { status = "closed" });
        await (await api.SendAsync(HttpMethod.Patch, $"/api/v1/support/conversations/{id}", new { priority = "low" }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "conversation_closed");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task Assigning_gives_the_person_the_reply_step_through_the_engine(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var pat = await SupportTeam.PersonAsync(api, "pat");
        var sam = await SupportTeam.PersonAsync(api, "sam", "Sam Reed");
        var id = (await SupportTeam.StartAsync(api, "Can I change my engraving?"))["conversation"]!["id"]!.GetValue<long>();
        await SupportTeam.RunAllAsync(api);
        // The engine gives the reply step to the person free longest (Pat, registered first); a person moves it to Sam.
        (await SupportTeam.ReplyStepAsync(api, id))["agent"]!.GetValue<string>().ShouldBe("pat");

        var given = await pat.OkAsync(HttpMethod.Patch, $"/api/v1/support/conversations/{id}", new { assignee = "sam" });
        given["assignee"]!.GetValue<string>().ShouldBe("sam");
        var step = await SupportTeam.ReplyStepAsync(api, id);
        step["state"]!.GetValue<string>().ShouldBe("assigned");
        step["agent"]!.GetValue<string>().ShouldBe("sam");
        (await api.OkAsync(HttpMethod.Get, "/api/v1/support/conversations?assignee=sam"))["items"]!.AsArray().Count.ShouldBe(1);

        // The reply step is Sam's now: Pat's reply is refused, Sam's completes it.
        await (await pat.PostAsync($"/api/v1/support/conversations/{id}/messages", new { kind = "agent", body = "Yes, you can." }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "reply_held_by_other");
        await sam.OkAsync(HttpMethod.Post, $"/api/v1/support/conversations/{id}/messages", new { kind = "agent", body = "Yes, until it ships." });
        step = await SupportTeam.ReplyStepAsync(api, id);
        step["state"]!.GetValue<string>().ShouldBe("completed");
        step["agent"]!.GetValue<string>().ShouldBe("sam");

        // Given back to the team while a new turn waits: the engine offers its reply step to someone else than who gave it back.
        await api.OkAsync(HttpMethod.Post, $"/api/v1/support/conversations/{id}/messages", new { kind = "customer", body = "And the colour?" });
        await SupportTeam.RunAllAsync(api);
        await pat.OkAsync(HttpMethod.Patch, $"/api/v1/support/conversations/{id}", new { assignee = "pat" });
        (await SupportTeam.ReplyStepAsync(api, id))["agent"]!.GetValue<string>().ShouldBe("pat");
        var released = await pat.OkAsync(HttpMethod.Patch, $"/api/v1/support/conversations/{id}", new { assignee = "" });
        released["assignee"].ShouldBeNull();
        step = await SupportTeam.ReplyStepAsync(api, id);
        (step["state"]!.GetValue<string>(), step["agent"]!.GetValue<string>()).ShouldBe(("assigned", "sam"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task An_assignee_who_cannot_take_the_conversation_is_refused_and_nothing_changes(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        await SupportTeam.PersonAsync(api, "cutter", capability: "cutting");
        await SupportTeam.PersonAsync(api, "busy", wipLimit: 1);
        var first = (await SupportTeam.StartAsync(api, "First question"))["conversation"]!["id"]!.GetValue<long>();
        var second = (await SupportTeam.StartAsync(api, "Second question"))["conversation"]!["id"]!.GetValue<long>();
        await SupportTeam.RunAllAsync(api);

        await (await api.SendAsync(HttpMethod.Patch, $"/api/v1/support/conversations/{second}", new { assignee = "cutter", priority = "urgent" }))
            .ShouldBeProblemAsync((HttpStatusCode)422, "assignee_lacks_capability");
        await (await api.SendAsync(HttpMethod.Patch, $"/api/v1/support/conversations/{second}", new { assignee = "nobody" }))
            .ShouldBeProblemAsync((HttpStatusCode)422, "assignee_not_found");
        await (await api.SendAsync(HttpMethod.Patch, $"/api/v1/support/conversations/{second}", new { assignee = "support-desk" }))
            .ShouldBeProblemAsync((HttpStatusCode)422, "assignee_not_a_person");

        // At the WIP limit: Busy holds one reply step (the engine gave it), and is refused the other's.
        var held = (await SupportTeam.ReplyStepAsync(api, first))["agent"]?.GetValue<string>() == "busy" ? first : second;
        var other = held == first ? second : first;
        (await SupportTeam.ReplyStepAsync(api, held))["agent"]!.GetValue<string>().ShouldBe("busy");
        await (await api.SendAsync(HttpMethod.Patch, $"/api/v1/support/conversations/{other}", new { assignee = "busy", priority = "urgent" }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "wip_limit_reached");

        var unchanged = (await api.OkAsync(HttpMethod.Get, $"/api/v1/support/conversations/{other}"))["conversation"]!;
        unchanged["assignee"].ShouldBeNull();
        unchanged["priority"]!.GetValue<string>().ShouldBe("normal");
        var step = await SupportTeam.ReplyStepAsync(api, other);
        step["state"]!.GetValue<string>().ShouldBe("ready");
        step["agent"].ShouldBeNull();
    }
}
