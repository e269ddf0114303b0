using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Weft.Flow.Automation;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;

namespace Weft.Host.Tests;

/// <summary>
/// Support conversations reach people through the engine's assignment: triage names the conversation's team from the
/// routing rule of its intent and its language; the reply step requires the team and prefers the language, so a billing
/// question goes to billing even when someone of another team is free, and a Portuguese chat goes to the Portuguese
/// speaker when one is free, else to anyone in the team. A person moving the conversation to another team re-routes it.
/// </summary>
public sealed class RoutingByTeamAndLanguage
{
    private const string Refund = "I want my money back for this order";

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_billing_question_lands_with_a_billing_person_not_with_a_free_technical_one(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        await DeskAsync(api);
        // Registered first and idle longest: without the team the technical person would get it.
        await PersonAsync(api, "tess", "technical");
        await PersonAsync(api, "bill", "billing");

        var (id, job) = await StartAsync(api, Refund);

        var conversation = (await api.OkAsync(HttpMethod.Get, $"/api/v1/support/conversations/{id}"))["conversation"]!;
        (conversation["intent"]!.GetValue<string>(), conversation["team"]!.GetValue<string>()).ShouldBe(("refund", "billing"));
        var reply = await ReplyStepAsync(api, job);
        (reply["agent"]!.GetValue<string>(), reply["state"]!.GetValue<string>()).ShouldBe(("bill", "assigned"));
        reply["requires"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldBe(["team:billing"]);
        // The engine's choice shows in the workspace before bill writes: his, and nobody else's nor unassigned.
        var tenant = (await api.OkAsync(HttpMethod.Get, "/api/v1/auth/me"))["tenant"]!.GetValue<long>();
        var all = api.Services.GetRequiredService<Weft.Support.Conversations.Conversations>();
        (await all.WorkspaceAsync(tenant, "mine", "bill", TimeSpan.FromHours(1), 100, default)).Conversations.Select(c => c.Id).ShouldBe([id]);
        (await all.WorkspaceAsync(tenant, "mine", "tess", TimeSpan.FromHours(1), 100, default)).Conversations.ShouldBeEmpty();
        var unassigned = await all.WorkspaceAsync(tenant, "unassigned", "bill", TimeSpan.FromHours(1), 100, default);
        unassigned.Conversations.ShouldBeEmpty();
        unassigned.Counts["mine"].ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_portuguese_chat_goes_to_the_portuguese_speaker_when_free_and_to_anyone_in_the_team_otherwise(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        await DeskAsync(api);
        await PersonAsync(api, "ben", "billing");
        await PersonAsync(api, "tiago", "technical", "pt");
        await PersonAsync(api, "bia", "billing", "pt");

        var (_, first) = await StartAsync(api, Refund, language: "pt");
        (await ReplyStepAsync(api, first))["agent"]!.GetValue<string>().ShouldBe("bia");

        await api.OkAsync(HttpMethod.Patch, "/api/v1/agents/bia", new { status = "away" });
        var (_, second) = await StartAsync(api, Refund, language: "pt");

        var reply = await ReplyStepAsync(api, second);
        reply["agent"]!.GetValue<string>().ShouldBe("ben", "bia is away, and tiago speaks Portuguese but is not in billing");
        reply["prefers"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldBe(["lang:pt"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Moving_a_conversation_to_another_team_re_routes_its_reply(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        await DeskAsync(api);
        await PersonAsync(api, "tess", "technical");
        await PersonAsync(api, "bill", "billing");
        var (id, job) = await StartAsync(api, Refund);
        (await ReplyStepAsync(api, job))["agent"]!.GetValue<string>().ShouldBe("bill");
        var version = (await api.OkAsync(HttpMethod.Get, $"/api/v1/support/conversations/{id}"))["conversation"]!["version"]!.GetValue<int>();

        var moved = await api.OkAsync(HttpMethod.Patch, $"/api/v1/support/conversations/{id}/team", new { team = "technical", version });

        moved["team"]!.GetValue<string>().ShouldBe("technical");
        moved["version"]!.GetValue<int>().ShouldBeGreaterThan(version);
        (await ReplyStepAsync(api, job))["agent"]!.GetValue<string>().ShouldBe("tess");
        // The workspace's 'by team' view lists it under its new team.
        var tenant = (await api.OkAsync(HttpMethod.Get, "/api/v1/auth/me"))["tenant"]!.GetValue<long>();
        var byTeam = await api.Services.GetRequiredService<Weft.Support.Conversations.Conversations>()
            .WorkspaceAsync(tenant, "team", null, TimeSpan.FromHours(1), 100, default);
        byTeam.Conversations.Select(c => (c.Id, c.Team)).ShouldBe([(id, "technical")]);
        byTeam.Counts["team"].ShouldBe(1);
        // An old picture of the conversation, or a team that does not exist, changes nothing.
        using (var stale = await api.SendAsync(HttpMethod.Post, $"/api/v1/support/conversations/{id}/team", new { team = "billing", version }))
            await stale.ShouldBeProblemAsync(HttpStatusCode.Conflict, "stale_version");
        using (var unknown = await api.SendAsync(HttpMethod.Patch, $"/api/v1/support/conversations/{id}/team", new { team = "marketing" }))
            await unknown.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "team_unknown");
        using (var missing = await api.SendAsync(HttpMethod.Patch, "/api/v1/support/conversations/999999/team", new { team = "billing" }))
            await missing.ShouldBeProblemAsync(HttpStatusCode.NotFound, "conversation_not_found");
        (await ReplyStepAsync(api, job))["agent"]!.GetValue<string>().ShouldBe("tess");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_person_of_another_team_replying_ends_the_turn_without_taking_the_reply_step(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        await DeskAsync(api);
        var tess = await PersonAsync(api, "tess", "technical");
        var (id, job) = await StartAsync(api, Refund);
        (await ReplyStepAsync(api, job))["state"]!.GetValue<string>().ShouldBe("ready", "nobody is in billing");

        await tess.OkAsync(HttpMethod.Post, $"/api/v1/support/conversations/{id}/messages", new { kind = "agent", body = "Refunds take 30 days." });

        (await api.OkAsync(HttpMethod.Get, $"/api/v1/jobs/{job}"))["state"]!.GetValue<string>().ShouldBe("cancelled");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Teams_and_routing_rules_are_checked_and_their_members_are_the_engines_agents(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        await (await api.SendAsync(HttpMethod.Put, "/api/v1/support/teams/Bad Key", new { name = "Bad" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await api.SendAsync(HttpMethod.Put, "/api/v1/support/teams/billing", new { name = " " })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await api.SendAsync(HttpMethod.Put, "/api/v1/support/routing-rules/refund", new { team = "billing" }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "team_unknown");
        await (await api.SendAsync(HttpMethod.Put, "/api/v1/support/routing-rules/refund", new { })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        (await api.OkAsync(HttpMethod.Get, "/api/v1/support/teams")).AsArray().ShouldBeEmpty("nothing was made by a refused request");

        var team = await api.OkAsync(HttpMethod.Put, "/api/v1/support/teams/billing", new { name = "Billing", description = "Payments and refunds." });
        team["capability"]!.GetValue<string>().ShouldBe("team:billing");
        var version = team["version"]!.GetValue<int>();
        (await api.OkAsync(HttpMethod.Put, "/api/v1/support/teams/billing", new { name = "Billing", description = "Payments, refunds.", version }))["version"]!
            .GetValue<int>().ShouldBeGreaterThan(version);
        await (await api.SendAsync(HttpMethod.Put, "/api/v1/support/teams/billing", new { name = "Billing!", version })).ShouldBeProblemAsync(HttpStatusCode.Conflict, "stale_version");
        await api.OkAsync(HttpMethod.Put, "/api/v1/support/routing-rules/refund", new { team = "billing" });
        await api.OkAsync(HttpMethod.Post, "/api/v1/agents", new { key = "ana", name = "Ana", kind = "person", capabilities = new[] { new { name = "support", level = 1 }, new { name = "lang:pt", level = 1 } } });
        await api.OkAsync(HttpMethod.Post, "/api/v1/agents", new { key = "bot", name = "Bot", kind = "ai", capabilities = new[] { new { name = "support", level = 1 } } });

        var withAna = await api.OkAsync(HttpMethod.Put, "/api/v1/support/teams/billing/members/ana");
        var member = withAna["members"]!.AsArray().ShouldHaveSingleItem()!;
        (member["agent"]!.GetValue<string>(), member["languages"]!.AsArray().Single()!.GetValue<string>()).ShouldBe(("ana", "pt"));
        withAna["intents"]!.AsArray().Single()!.GetValue<string>().ShouldBe("refund");
        (await api.OkAsync(HttpMethod.Get, "/api/v1/agents/ana"))["capabilities"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).ShouldContain("team:billing");
        await (await api.SendAsync(HttpMethod.Put, "/api/v1/support/teams/billing/members/bot")).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "not_a_person");
        await (await api.SendAsync(HttpMethod.Put, "/api/v1/support/teams/billing/members/nobody")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "agent_not_found");
        await (await api.SendAsync(HttpMethod.Put, "/api/v1/support/teams/sales/members/ana")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "team_not_found");
        await (await api.SendAsync(HttpMethod.Delete, "/api/v1/support/teams/billing")).ShouldBeProblemAsync(HttpStatusCode.Conflict, "team_in_use");

        (await api.OkAsync(HttpMethod.Delete, "/api/v1/support/teams/billing/members/ana"))["members"]!.AsArray().ShouldBeEmpty();
        (await api.OkAsync(HttpMethod.Get, "/api/v1/agents/ana"))["capabilities"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).ShouldBe(["support", "lang:pt"]);
        using (var deleted = await api.SendAsync(HttpMethod.Delete, "/api/v1/support/routing-rules/refund")) deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await api.SendAsync(HttpMethod.Delete, "/api/v1/support/routing-rules/refund")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "routing_rule_not_found");
        using (var gone = await api.SendAsync(HttpMethod.Delete, "/api/v1/support/teams/billing")) gone.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await api.OkAsync(HttpMethod.Get, "/api/v1/support/teams")).AsArray().ShouldBeEmpty();
    }

    /// <summary>A trained classifier (refund, delivery, password), teams billing and technical, refunds routed to billing and passwords to technical.</summary>
    private static async Task DeskAsync(WeftApi api)
    {
        var csv = string.Join("\r\n",
        [
            "text,intent",
            .. Rows("refund", "I want my money back", "please refund my order", "refund the payment for this order", "can I get a refund",
                "the refund has not arrived", "how do I get my money back", "return the money to my card", "I was charged and want a refund"),
            .. Rows("delivery", "where is my parcel", "my package has not arrived", "when will my order be delivered", "track my delivery",
                "the courier did not come", "parcel is late", "delivery status of my order", "has my package shipped yet"),
            .. Rows("password", "I forgot my password", "reset my password please", "cannot log in to my account", "my login does not work",
                "change my password", "locked out of my account", "password reset link expired", "how do I sign in again"),
            "",
        ]);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "examples.csv");
        using (var uploaded = await api.Client.PostAsync("/api/v1/support/triage/examples", form)) uploaded.StatusCode.ShouldBe(HttpStatusCode.OK);
        await api.OkAsync(HttpMethod.Post, "/api/v1/support/triage/train", new { threshold = 0.2 });
        await api.OkAsync(HttpMethod.Put, "/api/v1/support/teams/billing", new { name = "Billing" });
        await api.OkAsync(HttpMethod.Put, "/api/v1/support/teams/technical", new { name = "Technical" });
        await api.OkAsync(HttpMethod.Put, "/api/v1/support/routing-rules/refund", new { team = "billing" });
        await api.OkAsync(HttpMethod.Put, "/api/v1/support/routing-rules/password", new { team = "technical" });
    }

    /// <summary>A person who answers support, put in a team on the settings API, speaking the given languages, calling with a key of their own.</summary>
    private static async Task<WeftCaller> PersonAsync(WeftApi api, string key, string team, params string[] languages)
    {
        await api.OkAsync(HttpMethod.Post, "/api/v1/agents", new
        {
            key, name = key, kind = "person", wipLimit = 5,
            capabilities = languages.Select(l => new { name = "lang:" + l, level = 1 }).Prepend(new { name = "support", level = 1 }).ToArray(),
        });
        await api.OkAsync(HttpMethod.Put, $"/api/v1/support/teams/{team}/members/{key}");
        var created = await api.OkAsync(HttpMethod.Post, "/api/v1/api-keys", new { name = "agent " + key, scopes = new[] { "support:write", "flow:write" }, agent = key });
        return new WeftCaller(api.CreateClient("ApiKey " + created["key"]!.GetValue<string>()));
    }

    /// <summary>A customer writes (in the given language); the desk triages it (no AI agent answers here, so it goes to people).</summary>
    private static async Task<(long Id, long Job)> StartAsync(WeftApi api, string message, string? language = null)
    {
        var started = await api.OkAsync(HttpMethod.Post, "/api/v1/support/conversations",
            new { customer = new { name = "Ana Lima", email = $"ana{Guid.NewGuid():N}@example.com", language }, message });
        var runner = api.Services.GetRequiredService<AutomationRunner>();
        while (await runner.RunDueAsync(1) > 0)
        {
        }
        var conversation = (await api.OkAsync(HttpMethod.Get, $"/api/v1/support/conversations/{started["conversation"]!["id"]}"))["conversation"]!;
        return (conversation["id"]!.GetValue<long>(), conversation["job"]!.GetValue<long>());
    }

    private static async Task<JsonNode> ReplyStepAsync(WeftApi api, long job) =>
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/work-items?job={job}&node=reply"))["items"]!.AsArray().ShouldHaveSingleItem()!;

    private static IEnumerable<string> Rows(string intent, params string[] texts) => texts.Select(t => $"{t},{intent}");
}
