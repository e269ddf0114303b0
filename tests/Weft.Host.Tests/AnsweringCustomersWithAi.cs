using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Weft.Flow.Automation;
using Weft.Host.Tests.Infrastructure;
using Weft.Platform.Webhooks;
using Weft.Testing;
using Weft.Testing.FakeProviders;

namespace Weft.Host.Tests;

/// <summary>
/// Each turn of a conversation runs through the support flow on the engine: triage, the AI tier answering from the
/// knowledge base (checked by a second agent where the tenant's policy asks), and a person when the AI is not sure, the
/// customer asks for one, or the intent is for people only; a person's reply completes the turn, and a reply not made in
/// time (on the SLA's business hours) escalates. The model is a local fake speaking OpenAI's protocol.
/// </summary>
public sealed class AnsweringCustomersWithAi
{
    private const string Policies = """
        # Store policies

        ## Refunds

        Refunds are paid within 30 days to the card used for the order.

        ## Shipping

        Parcels leave the warehouse within 2 working days of the order.
        """;

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task The_AI_answers_from_knowledge_and_the_customer_sees_its_citation(string provider)
    {
        await using var fake = await FakeProviderServer.StartAsync();
        await using var api = await WeftApi.StartAsync(provider);
        await AnswererAsync(api, fake);
        fake.ScriptFor("chat-model", Answer("Refunds are paid within 30 days to your card [1].", 0.92, "Asked how long refunds take; told 30 days."));

        var id = await StartAsync(api, "How long do refunds take?");
        await RunAllAsync(api);

        var detail = await api.OkAsync(HttpMethod.Get, $"/api/v1/support/conversations/{id}");
        var ai = detail["messages"]!.AsArray().Single(m => m!["kind"]!.GetValue<string>() == "ai")!;
        ai["body"]!.GetValue<string>().ShouldBe("Refunds are paid within 30 days to your card [1].");
        var citation = ai["citations"]!.AsArray().Single()!;
        citation["rank"]!.GetValue<int>().ShouldBe(1);
        citation["document"]!.GetValue<string>().ShouldBe("policies.md");
        citation["heading"]!.GetValue<string>().ShouldBe("Store policies › Refunds");
        citation["excerpt"]!.GetValue<string>().ShouldContain("30 days");
        var conversation = detail["conversation"]!;
        conversation["status"]!.GetValue<string>().ShouldBe("pending");
        conversation["handoverReason"].ShouldBeNull();
        conversation["summary"]!.GetValue<string>().ShouldBe("Asked how long refunds take; told 30 days.");
        conversation["sentiment"]!.GetValue<string>().ShouldBe("neutral");
        conversation["language"]!.GetValue<string>().ShouldBe("en");
        // The knowledge was searched with the customer's words, and the answer held to the schema.
        var request = fake.Requests.Single(r => r.Model == "chat-model");
        request.Body!["response_format"]!["type"]!.GetValue<string>().ShouldBe("json_schema");
        string.Join("\n", request.Body["messages"]!.AsArray().Select(m => m!["content"]!.ToString())).ShouldContain("[1] policies.md › Store policies › Refunds");
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/jobs/{conversation["job"]}"))["state"]!.GetValue<string>().ShouldBe("completed");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task A_low_confidence_answer_goes_to_a_person_with_the_summary_and_their_reply_ends_the_turn(string provider)
    {
        await using var fake = await FakeProviderServer.StartAsync();
        await using var api = await WeftApi.StartAsync(provider);
        await AnswererAsync(api, fake);
        var pat = await PersonAsync(api, "pat");
        fake.ScriptFor("chat-model", Answer("I think you might be able to change the engraving.", 0.35,
            "Wants to change the engraving on order 1042 after it shipped; policies do not cover engraving changes.", needsPerson: true));

        var id = await StartAsync(api, "Can I change the engraving on order 1042? It has shipped already.");
        await RunAllAsync(api);

        var detail = await api.OkAsync(HttpMethod.Get, $"/api/v1/support/conversations/{id}");
        var conversation = detail["conversation"]!;
        conversation["handoverReason"]!.GetValue<string>().ShouldBe("low_confidence");
        conversation["summary"]!.GetValue<string>().ShouldBe("Wants to change the engraving on order 1042 after it shipped; policies do not cover engraving changes.");
        conversation["status"]!.GetValue<string>().ShouldBe("open");
        var messages = detail["messages"]!.AsArray();
        // The customer never saw the unsure answer: the team did, in a note, with why it came to them.
        messages.ShouldNotContain(m => m!["kind"]!.GetValue<string>() == "ai");
        var note = messages.Single(m => m!["kind"]!.GetValue<string>() == "note")!["body"]!.GetValue<string>();
        note.ShouldContain("confidence was 0.35");
        note.ShouldContain("I think you might be able to change the engraving.");
        messages.Last()!["kind"]!.GetValue<string>().ShouldBe("system");

        var job = conversation["job"]!.GetValue<long>();
        // The engine assigns the reply to a person who answers support: pat, the only one.
        var reply = (await api.OkAsync(HttpMethod.Get, $"/api/v1/work-items?job={job}&node=reply"))["items"]!.AsArray().Single()!;
        (reply["capability"]!.GetValue<string>(), reply["state"]!.GetValue<string>(), reply["agent"]!.GetValue<string>()).ShouldBe(("support", "assigned", "pat"));

        await pat.OkAsync(HttpMethod.Post, $"/api/v1/support/conversations/{id}/messages", new { kind = "agent", body = "Yes: I have changed it before it left the courier hub." });
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/work-items/{reply["id"]}"))["state"]!.GetValue<string>().ShouldBe("completed");
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/work-items/{reply["id"]}"))["agent"]!.GetValue<string>().ShouldBe("pat");
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/jobs/{job}"))["state"]!.GetValue<string>().ShouldBe("completed");
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/support/conversations/{id}"))["conversation"]!["firstReplyAt"].ShouldNotBeNull();

        // The customer writes again: the conversation stays with people, so no model is asked.
        await api.OkAsync(HttpMethod.Post, $"/api/v1/support/conversations/{id}/messages", new { kind = "customer", body = "Great, thanks! And the gift box?" });
        await RunAllAsync(api);
        fake.Requests.Count(r => r.Model == "chat-model").ShouldBe(1);
        var next = (await api.OkAsync(HttpMethod.Get, $"/api/v1/support/conversations/{id}"))["conversation"]!;
        next["job"]!.GetValue<long>().ShouldNotBe(job);
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/work-items?job={next["job"]}&node=reply"))["items"]!.AsArray().Single()!["agent"]!.GetValue<string>().ShouldBe("pat");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task Asking_for_a_person_after_an_AI_answer_hands_over_with_what_the_AI_summarised(string provider)
    {
        await using var fake = await FakeProviderServer.StartAsync();
        await using var api = await WeftApi.StartAsync(provider);
        await AnswererAsync(api, fake);
        fake.ScriptFor("chat-model", Answer("Parcels leave within 2 working days [1].", 0.9, "Asked when the parcel ships; told 2 working days."));

        var id = await StartAsync(api, "When will my parcel ship?");
        await RunAllAsync(api);
        await api.OkAsync(HttpMethod.Post, $"/api/v1/support/conversations/{id}/messages", new { kind = "customer", body = "That's not enough. Can I talk to a human please?" });
        await RunAllAsync(api);

        var conversation = (await api.OkAsync(HttpMethod.Get, $"/api/v1/support/conversations/{id}"))["conversation"]!;
        conversation["handoverReason"]!.GetValue<string>().ShouldBe("asked_for_person");
        conversation["summary"]!.GetValue<string>().ShouldStartWith("Asked when the parcel ships; told 2 working days. The customer asked for a person.");
        conversation["summary"]!.GetValue<string>().ShouldContain("Can I talk to a human please?");
        fake.Requests.Count(r => r.Model == "chat-model").ShouldBe(1);
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/work-items?job={conversation["job"]}&state=ready"))["items"]!.AsArray().Single()!["node"]!.GetValue<string>().ShouldBe("reply");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task Under_a_verify_policy_a_rejected_draft_never_reaches_the_customer(string provider)
    {
        await using var fake = await FakeProviderServer.StartAsync();
        await using var api = await WeftApi.StartAsync(provider);
        await AnswererAsync(api, fake);
        await api.OkAsync(HttpMethod.Post, "/api/v1/agents",
            new { key = "checker", name = "Checker", kind = "ai", capabilities = new[] { new { name = "support-verification", level = 1 } }, wipLimit = 5 });
        await api.OkAsync(HttpMethod.Post, "/api/v1/ai/models", new
        {
            key = "check", kind = "openai_compatible", provider = "fake", providerModel = "check-model", purpose = "chat", contextWindow = 32_000, inputPrice = 1m, outputPrice = 4m,
        });
        await api.OkAsync(HttpMethod.Post, "/api/v1/ai/agents", new { agent = "checker", models = new[] { "check" }, knowledge = new[] { "policies" }, maxToolRounds = 0 });
        await api.OkAsync(HttpMethod.Put, "/api/v1/support/ai-policies/*", new { mode = "verify", minConfidence = 0.5 });
        fake.ScriptFor("chat-model", Answer("Refunds are paid within 90 days [1].", 0.9, "Asked about refund timing."));
        fake.ScriptFor("check-model", Reply.Text("""{"verdict":"rejected","issues":["The policy says 30 days, not 90."]}"""));

        var id = await StartAsync(api, "How long do refunds take?");
        await RunAllAsync(api);

        var detail = await api.OkAsync(HttpMethod.Get, $"/api/v1/support/conversations/{id}");
        detail["conversation"]!["handoverReason"]!.GetValue<string>().ShouldBe("verification_rejected");
        detail["messages"]!.AsArray().ShouldNotContain(m => m!["kind"]!.GetValue<string>() == "ai");
        var note = detail["messages"]!.AsArray().Single(m => m!["kind"]!.GetValue<string>() == "note")!["body"]!.GetValue<string>();
        note.ShouldContain("The policy says 30 days, not 90.");
        note.ShouldContain("Refunds are paid within 90 days [1].");
        // The checker saw the draft and the knowledge.
        var checkPrompt = string.Join("\n", fake.Requests.Single(r => r.Model == "check-model").Body!["messages"]!.AsArray().Select(m => m!["content"]!.ToString()));
        checkPrompt.ShouldContain("Refunds are paid within 90 days [1].");
        checkPrompt.ShouldContain("Refunds are paid within 30 days");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task A_reply_missed_on_business_hours_escalates_to_the_leads(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        await api.OkAsync(HttpMethod.Put, "/api/v1/support/calendars/new-york", new
        {
            name = "New York office", timeZone = "America/New_York",
            hours = new Dictionary<string, object[]>
            {
                ["mon"] = [new { from = "09:00", to = "17:00" }], ["tue"] = [new { from = "09:00", to = "17:00" }],
                ["wed"] = [new { from = "09:00", to = "17:00" }], ["thu"] = [new { from = "09:00", to = "17:00" }],
                ["fri"] = [new { from = "09:00", to = "17:00" }],
            },
            holidays = new[] { "2026-11-26" },
        });
        await api.OkAsync(HttpMethod.Put, "/api/v1/support/sla-policies/standard", new { name = "Standard", firstReplyMinutes = 60, nextReplyMinutes = 240, calendar = "new-york" });
        // Friday 6 November 2026, 16:30 in New York (21:30 UTC): half an hour of the day is left.
        api.Clock.Advance(new DateTimeOffset(2026, 11, 6, 21, 30, 0, TimeSpan.Zero) - api.Clock.GetUtcNow());
        var id = await StartAsync(api, "My invoice shows the wrong company name.");
        // No AI agent answers here: the conversation goes to people.
        await RunAllAsync(api);

        var conversation = (await api.OkAsync(HttpMethod.Get, $"/api/v1/support/conversations/{id}"))["conversation"]!;
        conversation["handoverReason"]!.GetValue<string>().ShouldBe("no_ai_agent");
        conversation["slaPolicy"]!.GetValue<string>().ShouldBe("standard");
        // 30 minutes on Friday, 30 on Monday: due Monday 09:30 in New York.
        conversation["replyDueAt"]!.GetValue<DateTime>().ShouldBe(new DateTime(2026, 11, 9, 14, 30, 0, DateTimeKind.Utc));
        var item = (await api.OkAsync(HttpMethod.Get, $"/api/v1/work-items?job={conversation["job"]}&state=ready"))["items"]!.AsArray().Single()!;
        item["capability"]!.GetValue<string>().ShouldBe("support");

        // The weekend passes without a breach: the clock stopped at Friday's close.
        api.Clock.Advance(new DateTimeOffset(2026, 11, 9, 14, 29, 0, TimeSpan.Zero) - api.Clock.GetUtcNow());
        await api.Engine.Upkeep.RunDueTimersAsync();
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/work-items/{item["id"]}"))["capability"]!.GetValue<string>().ShouldBe("support");

        api.Clock.Advance(TimeSpan.FromMinutes(2));
        await api.Engine.Upkeep.RunDueTimersAsync();
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/work-items/{item["id"]}"))["capability"]!.GetValue<string>().ShouldBe("support-lead");
        var events = (await api.OkAsync(HttpMethod.Get, $"/api/v1/jobs/{conversation["job"]}/events?limit=100"))["items"]!.AsArray();
        events.ShouldContain(e => e!["type"]!.GetValue<string>() == "deadline_breached");
        events.ShouldContain(e => e!["type"]!.GetValue<string>() == "work_item_escalated");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task A_handover_reaches_webhook_subscribers_signed_with_its_reason_and_summary(string provider)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var api = await WeftApi.StartAsync(provider);
        using var subscribed = await api.PostAsync("/api/v1/webhooks", new
        {
            format = "json", url = receiver.Url("/hooks/support"), events = new[] { "support.conversation_started", "support.conversation_handed_over" },
        });
        var secret = JsonNode.Parse(await subscribed.Content.ReadAsStringAsync())!["secret"]!.GetValue<string>();

        var id = await StartAsync(api, "Please change the delivery address of order 1042.");
        await RunAllAsync(api);
        await api.DrainEventsAsync();
        await api.Services.GetRequiredService<WebhookSender>().SendDueAsync();

        receiver.Received.Count.ShouldBe(2);
        foreach (var hook in receiver.Received)
            WebhookSignature.Verify(secret, hook.Headers[WebhookSignature.Header], hook.Body, api.Clock.GetUtcNow(), TimeSpan.FromMinutes(5)).ShouldBeTrue();
        var bodies = receiver.Received.Select(r => JsonNode.Parse(r.Body)!).ToList();
        var started = bodies.Single(b => b!["type"]!.GetValue<string>() == "support.conversation_started")!["data"]!;
        started["conversation"]!.GetValue<long>().ShouldBe(id);
        started["message"]!.GetValue<string>().ShouldBe("Please change the delivery address of order 1042.");
        var handover = bodies.Single(b => b!["type"]!.GetValue<string>() == "support.conversation_handed_over")!["data"]!;
        handover["reason"]!.GetValue<string>().ShouldBe("no_ai_agent");
        handover["summary"]!.GetValue<string>().ShouldContain("Please change the delivery address of order 1042.");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task The_report_counts_AI_resolutions_handovers_reply_times_against_the_SLA_and_ratings(string provider)
    {
        await using var fake = await FakeProviderServer.StartAsync();
        await using var api = await WeftApi.StartAsync(provider);
        await AnswererAsync(api, fake);
        var pat = await PersonAsync(api, "pat");
        await api.OkAsync(HttpMethod.Put, "/api/v1/support/sla-policies/standard", new { name = "Standard", firstReplyMinutes = 60, resolutionMinutes = 480 });
        fake.ScriptFor("chat-model", Answer("Refunds are paid within 30 days [1].", 0.9, "Refund timing."), Answer("Not sure.", 0.2, "Engraving change after shipping."));

        using var visitor = api.CreateClient();
        var chat = await WeftCaller.OkAsync(visitor, HttpMethod.Post, "/api/v1/support/widget/default/conversations", new { name = "Ana", message = "How long do refunds take?" });
        await RunAllAsync(api);
        var unsure = await StartAsync(api, "Can I change the engraving after shipping?");
        await RunAllAsync(api);
        api.Clock.Advance(TimeSpan.FromMinutes(30));
        await pat.OkAsync(HttpMethod.Post, $"/api/v1/support/conversations/{unsure}/messages", new { kind = "agent", body = "Yes, until it leaves the hub." });
        await api.OkAsync(HttpMethod.Post, $"/api/v1/support/conversations/{chat["conversation"]}/status", new { status = "solved" });
        await WeftCaller.OkAsync(visitor, HttpMethod.Post, $"/api/v1/support/widget/default/conversations/{chat["conversation"]}/rating?token={chat["token"]}", new { score = 5 });

        var report = await api.OkAsync(HttpMethod.Get, "/api/v1/support/reports");
        report["started"]!.GetValue<int>().ShouldBe(2);
        report["solved"]!.GetValue<int>().ShouldBe(1);
        report["aiResolutionRate"]!.GetValue<double>().ShouldBe(0.5);
        report["handoverReasons"]!["low_confidence"]!.GetValue<int>().ShouldBe(1);
        report["firstReplyMedian"]!.GetValue<double>().ShouldBe(30);
        report["firstReplyInSla"]!.GetValue<double>().ShouldBe(1);
        report["csatMean"]!.GetValue<double>().ShouldBe(5);
        report["days"]!.AsArray().Sum(d => d!["started"]!.GetValue<int>()).ShouldBe(2);
        using var csv = await api.GetAsync("/api/v1/support/reports.csv");
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(3);
        lines[2].ShouldContain(",30,yes,");
        lines[2].ShouldContain(",low_confidence,");
        await (await api.GetAsync("/api/v1/support/reports?from=2026-12-01&to=2026-11-01")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task Calendars_policies_and_AI_policies_refuse_what_does_not_make_sense(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        await (await api.SendAsync(HttpMethod.Put, "/api/v1/support/calendars/x", new { name = "X", timeZone = "Mars/Olympus", hours = new { mon = new[] { new { from = "09:00", to = "17:00" } } } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await api.SendAsync(HttpMethod.Put, "/api/v1/support/calendars/x", new { name = "X", timeZone = "Europe/Lisbon", hours = new { mon = new[] { new { from = "17:00", to = "09:00" } } } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await api.SendAsync(HttpMethod.Put, "/api/v1/support/calendars/x", new { name = "X", timeZone = "Europe/Lisbon", hours = new { funday = new[] { new { from = "09:00", to = "17:00" } } } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await api.SendAsync(HttpMethod.Put, "/api/v1/support/sla-policies/p", new { name = "P", firstReplyMinutes = 60, calendar = "nowhere" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await api.SendAsync(HttpMethod.Put, "/api/v1/support/sla-policies/p", new { name = "P" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await api.OkAsync(HttpMethod.Put, "/api/v1/support/sla-policies/p", new { name = "P", priority = "high", firstReplyMinutes = 60 });
        await (await api.SendAsync(HttpMethod.Put, "/api/v1/support/sla-policies/q", new { name = "Q", priority = "high", firstReplyMinutes = 30 }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "sla_policy_clash");
        await (await api.SendAsync(HttpMethod.Put, "/api/v1/support/ai-policies/refund", new { mode = "sometimes" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await api.SendAsync(HttpMethod.Put, "/api/v1/support/ai-policies/refund", new { mode = "answer", minConfidence = 1.5 })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        (await api.OkAsync(HttpMethod.Get, "/api/v1/support/calendars")).AsArray().ShouldBeEmpty();
        (await api.OkAsync(HttpMethod.Get, "/api/v1/support/sla-policies")).AsArray().Single()!["key"]!.GetValue<string>().ShouldBe("p");
        (await api.OkAsync(HttpMethod.Get, "/api/v1/support/ai-policies")).AsArray().ShouldBeEmpty();
    }

    private static Reply Answer(string reply, double confidence, string summary, bool needsPerson = false) =>
        Reply.Text(new JsonObject { ["reply"] = reply, ["confidence"] = confidence, ["summary"] = summary, ["needsPerson"] = needsPerson }.ToJsonString());

    /// <summary>The tenant's answering AI agent, with the store's policies as its knowledge.</summary>
    private static async Task AnswererAsync(WeftApi api, FakeProviderServer fake)
    {
        await AnsweringFromKnowledge.SetUpAsync(api, fake, maxToolRounds: 0);
        await AnsweringFromKnowledge.UploadAsync(api, "policies", "policies.md", Policies);
        await api.OkAsync(HttpMethod.Post, "/api/v1/agents",
            new { key = "answerer", name = "Answerer", kind = "ai", capabilities = new[] { new { name = "support-answering", level = 1 } }, wipLimit = 5 });
        await api.OkAsync(HttpMethod.Post, "/api/v1/ai/agents", new { agent = "answerer", models = new[] { "chat" }, knowledge = new[] { "policies" }, maxToolRounds = 0 });
    }

    /// <summary>A person on the support team, calling with a key of their own.</summary>
    private static async Task<WeftCaller> PersonAsync(WeftApi api, string key)
    {
        await api.OkAsync(HttpMethod.Post, "/api/v1/agents",
            new { key, name = key, kind = "person", capabilities = new[] { new { name = "support", level = 1 } }, wipLimit = 5 });
        var created = await api.OkAsync(HttpMethod.Post, "/api/v1/api-keys", new { name = "agent " + key, scopes = new[] { "support:write", "flow:write" }, agent = key });
        return new WeftCaller(api.CreateClient("ApiKey " + created["key"]!.GetValue<string>()));
    }

    private static async Task<long> StartAsync(WeftApi api, string message) =>
        (await api.OkAsync(HttpMethod.Post, "/api/v1/support/conversations", new { customer = new { name = "Ana Lima", email = "ana@example.com" }, message }))
            ["conversation"]!["id"]!.GetValue<long>();

    private static async Task RunAllAsync(WeftApi api)
    {
        var runner = api.Services.GetRequiredService<AutomationRunner>();
        while (await runner.RunDueAsync(1) > 0)
        {
        }
    }
}
