using System.Net;
using System.Text.Json.Nodes;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;

namespace Weft.Host.Tests;

/// <summary>
/// Macros: a support manager keeps canned replies with variables and actions; a person applies one to a conversation,
/// which sends its rendered body as their reply (completing the turn's reply step like any reply) and changes the
/// conversation, all in one transaction, or nothing at all.
/// </summary>
public sealed class ReplyingWithMacros
{
    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task Every_variable_renders_for_the_conversation_and_the_person_applying_it(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var pat = await SupportTeam.PersonAsync(api, "pat", "Pat Jones");
        var started = await SupportTeam.StartAsync(api, "The strap is torn.", name: "Ana Maria Lima", email: "ana@example.com", subject: "Damaged strap");
        var id = started["conversation"]!["id"]!.GetValue<long>();
        var number = started["conversation"]!["number"]!.GetValue<long>();
        var macro = await api.OkAsync(HttpMethod.Post, "/api/v1/support/macros", new
        {
            title = "Every variable",
            body = "Hi {{customer.first_name}} ({{customer.name}}, {{ customer.email }}), about #{{conversation.number}} “{{conversation.subject}}”. {{agent.name}}",
        });
        var expected = $"Hi Ana (Ana Maria Lima, ana@example.com), about #{number} “Damaged strap”. Pat Jones";

        var preview = await pat.OkAsync(HttpMethod.Get, $"/api/v1/support/conversations/{id}/macros/{macro["id"]}/preview");
        preview["body"]!.GetValue<string>().ShouldBe(expected);
        preview["asNote"]!.GetValue<bool>().ShouldBeFalse();
        // A preview changes nothing.
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/support/conversations/{id}"))["messages"]!.AsArray().Count.ShouldBe(1);

        var applied = await pat.OkAsync(HttpMethod.Post, $"/api/v1/support/conversations/{id}/macros/{macro["id"]}", new { });
        applied["message"]!["body"]!.GetValue<string>().ShouldBe(expected);
        applied["message"]!["kind"]!.GetValue<string>().ShouldBe("agent");
        applied["message"]!["authorName"]!.GetValue<string>().ShouldBe("Pat Jones");
        applied["conversation"]!["status"]!.GetValue<string>().ShouldBe("open");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task An_unknown_variable_or_action_is_refused_when_saving(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var unknown = await (await api.PostAsync("/api/v1/support/macros", new { title = "Phone", body = "We will call {{customer.phone}} soon, {{ agent.nickname }}." }))
            .ShouldBeProblemAsync((HttpStatusCode)422, "unknown_variable");
        unknown["detail"]!.GetValue<string>().ShouldContain("{{customer.phone}}");
        unknown["detail"]!.GetValue<string>().ShouldContain("{{agent.nickname}}");
        unknown["errors"]!["body"]!.AsArray().Count.ShouldBe(2);
        await (await api.PostAsync("/api/v1/support/macros", new { title = "Bad status", actions = new { status = "lost" } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await api.PostAsync("/api/v1/support/macros", new { title = "Bad priority", actions = new { priority = "asap" } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await api.PostAsync("/api/v1/support/macros", new { title = "Bad tag", actions = new { addTags = new[] { "two words" } } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await api.PostAsync("/api/v1/support/macros", new { title = "Does nothing" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        (await api.OkAsync(HttpMethod.Get, "/api/v1/support/macros")).AsArray().ShouldBeEmpty();

        var kept = await api.OkAsync(HttpMethod.Post, "/api/v1/support/macros", new { title = "Thanks", body = "Thanks, {{customer.first_name}}!" });
        await (await api.SendAsync(HttpMethod.Put, $"/api/v1/support/macros/{kept["id"]}", new { title = "Thanks", body = "Thanks, {{customer.nick}}!" }))
            .ShouldBeProblemAsync((HttpStatusCode)422, "unknown_variable");
        await (await api.PostAsync("/api/v1/support/macros", new { title = "Thanks", body = "Again" })).ShouldBeProblemAsync(HttpStatusCode.Conflict, "macro_title_taken");
        await (await api.SendAsync(HttpMethod.Put, $"/api/v1/support/macros/{kept["id"]}", new { title = "Thanks", body = "Hi", version = 7 }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "stale_version");
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/support/macros/{kept["id"]}"))["body"]!.GetValue<string>().ShouldBe("Thanks, {{customer.first_name}}!");

        var edited = await api.OkAsync(HttpMethod.Put, $"/api/v1/support/macros/{kept["id"]}",
            new { title = "Thanks and solve", body = "Thanks!", asNote = true, actions = new { status = "solved" }, version = kept["version"]!.GetValue<int>() });
        edited["asNote"]!.GetValue<bool>().ShouldBeTrue();
        edited["actions"]!["status"]!.GetValue<string>().ShouldBe("solved");
        (await api.SendAsync(HttpMethod.Delete, $"/api/v1/support/macros/{kept["id"]}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await api.GetAsync($"/api/v1/support/macros/{kept["id"]}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "macro_not_found");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task Applying_replies_through_the_reply_step_and_changes_the_conversation_all_or_nothing(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var pat = await SupportTeam.PersonAsync(api, "pat", "Pat Jones");
        var id = (await SupportTeam.StartAsync(api, "My bag arrived with a torn strap."))["conversation"]!["id"]!.GetValue<long>();
        await SupportTeam.RunAllAsync(api);
        (await SupportTeam.ReplyStepAsync(api, id))["agent"]!.GetValue<string>().ShouldBe("pat");
        var macro = await api.OkAsync(HttpMethod.Post, "/api/v1/support/macros", new
        {
            title = "Damaged: replacement",
            body = "Sorry, {{customer.first_name}}! A new strap is on its way.",
            actions = new { status = "pending", priority = "high", type = "Incident", addTags = new[] { "Damaged", "damaged", "replacement" }, removeTags = new[] { "new" } },
        });
        macro["actions"]!["addTags"]!.AsArray().Select(t => t!.GetValue<string>()).ShouldBe(["damaged", "replacement"]);
        macro["actions"]!["type"]!.GetValue<string>().ShouldBe("incident");

        // A stale version is refused before anything happens.
        await (await pat.PostAsync($"/api/v1/support/conversations/{id}/macros/{macro["id"]}", new { version = 99 }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "stale_version");
        var version = (await api.OkAsync(HttpMethod.Get, $"/api/v1/support/conversations/{id}"))["conversation"]!["version"]!.GetValue<int>();

        var applied = await pat.OkAsync(HttpMethod.Post, $"/api/v1/support/conversations/{id}/macros/{macro["id"]}", new { version });
        var conversation = applied["conversation"]!;
        conversation["status"]!.GetValue<string>().ShouldBe("pending");
        conversation["priority"]!.GetValue<string>().ShouldBe("high");
        conversation["type"]!.GetValue<string>().ShouldBe("incident");
        conversation["tags"]!.AsArray().Select(t => t!.GetValue<string>()).ShouldBe(["damaged", "replacement"]);
        conversation["assignee"]!.GetValue<string>().ShouldBe("pat");
        conversation["firstReplyAt"].ShouldNotBeNull();
        applied["message"]!["body"]!.GetValue<string>().ShouldBe("Sorry, Ana! A new strap is on its way.");
        // The same path as a reply: the turn's reply step is completed by the person, with the message.
        var step = await SupportTeam.ReplyStepAsync(api, id);
        step["state"]!.GetValue<string>().ShouldBe("completed");
        step["agent"]!.GetValue<string>().ShouldBe("pat");
        step["result"]!["message"]!.GetValue<long>().ShouldBe(applied["message"]!["id"]!.GetValue<long>());

        // An action that cannot be done (one tag too many) undoes the whole macro: no message, no change.
        var crowded = (await SupportTeam.StartAsync(api, "Another question"))["conversation"]!["id"]!.GetValue<long>();
        await api.OkAsync(HttpMethod.Patch, $"/api/v1/support/conversations/{crowded}", new { addTags = Enumerable.Range(1, 19).Select(i => $"t{i}").ToArray() });
        await (await pat.PostAsync($"/api/v1/support/conversations/{crowded}/macros/{macro["id"]}", new { }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        var unchanged = await api.OkAsync(HttpMethod.Get, $"/api/v1/support/conversations/{crowded}");
        unchanged["messages"]!.AsArray().Count.ShouldBe(1);
        unchanged["conversation"]!["status"]!.GetValue<string>().ShouldBe("new");
        unchanged["conversation"]!["priority"]!.GetValue<string>().ShouldBe("normal");
        unchanged["conversation"]!["assignee"].ShouldBeNull();
        unchanged["conversation"]!["tags"]!.AsArray().Count.ShouldBe(19);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task A_macro_is_refused_where_a_reply_would_be(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var pat = await SupportTeam.PersonAsync(api, "pat");
        var note = await api.OkAsync(HttpMethod.Post, "/api/v1/support/macros", new { title = "Courier", body = "Ask the courier for photos.", asNote = true });
        var id = (await SupportTeam.StartAsync(api, "Where is my parcel?"))["conversation"]!["id"]!.GetValue<long>();

        // Solved: a person may still write, so the macro applies; an internal note leaves it solved.
        await api.OkAsync(HttpMethod.Post, $"/api/v1/support/conversations/{id}/status", new { status = "solved" });
        var noted = await pat.OkAsync(HttpMethod.Post, $"/api/v1/support/conversations/{id}/macros/{note["id"]}", new { });
        noted["message"]!["kind"]!.GetValue<string>().ShouldBe("note");
        noted["conversation"]!["status"]!.GetValue<string>().ShouldBe("solved");

        // Closed: a reply is refused, and so is the macro.
        await api.OkAsync(HttpMethod.Post, $"/api/v1/support/conversations/{id}/status", new { status = "closed" });
        await (await pat.PostAsync($"/api/v1/support/conversations/{id}/messages", new { kind = "agent", body = "Hello?" }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "conversation_closed");
        await (await pat.PostAsync($"/api/v1/support/conversations/{id}/macros/{note["id"]}", new { }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "conversation_closed");
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/support/conversations/{id}"))["messages"]!.AsArray().Count(m => m!["kind"]!.GetValue<string>() == "note").ShouldBe(1);

        await (await pat.PostAsync($"/api/v1/support/conversations/{id}/macros/999999", new { })).ShouldBeProblemAsync(HttpStatusCode.NotFound, "macro_not_found");
    }
}
