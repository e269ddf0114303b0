using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Weft.Flow.Automation;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;

namespace Weft.Host.Tests;

/// <summary>
/// A duplicate conversation merged into another: its messages move to the target with their ids, the source is closed
/// pointing at the target with a line in both, its turn on the engine ends, and the customer's widget on the source
/// reads and writes the target from then on (the team's API is told where it went). Different customers' conversations
/// merge only when the caller confirms it. A split moves chosen messages to a new conversation of the same customer,
/// which starts its own turn, triage and SLA. Both refuse a stale version and announce themselves as webhook events.
/// </summary>
public sealed class MergingAndSplittingConversations
{
    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task A_merge_moves_the_history_closes_the_source_ends_its_turn_and_the_customer_follows(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        using var visitor = api.CreateClient();
        var duplicate = await WeftCaller.OkAsync(visitor, HttpMethod.Post, "/api/v1/support/widget/default/conversations",
            new { name = "Ana Lima", email = "ana@example.com", message = "Where is order 1042?" });
        var sourceId = duplicate["conversation"]!.GetValue<long>();
        var token = duplicate["token"]!.GetValue<string>();
        var first = duplicate["messages"]!.AsArray().Single()!["id"]!.GetValue<long>();
        var target = await api.OkAsync(HttpMethod.Post, "/api/v1/support/conversations",
            new { customer = new { email = "ana@example.com" }, subject = "Order 1042", message = "Order 1042 has not arrived." });
        var targetId = target["conversation"]!["id"]!.GetValue<long>();
        var source = (await api.OkAsync(HttpMethod.Get, $"/api/v1/support/conversations/{sourceId}"))["conversation"]!;
        var job = source["job"]!.GetValue<long>();
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/jobs/{job}"))["state"]!.GetValue<string>().ShouldBe("active");

        // A version the caller did not see, or no target, changes nothing.
        await (await api.PostAsync($"/api/v1/support/conversations/{sourceId}/merge", new { into = targetId, version = Version(source) + 1 }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "stale_version");
        await (await api.PostAsync($"/api/v1/support/conversations/{sourceId}/merge", new { into = 999999, version = Version(source) }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "conversation_not_found");
        await (await api.PostAsync($"/api/v1/support/conversations/{sourceId}/merge", new { into = sourceId, version = Version(source) }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "merge_into_itself");
        await (await api.PostAsync($"/api/v1/support/conversations/{sourceId}/merge", new { into = targetId }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/support/conversations/{sourceId}"))["messages"]!.AsArray().Count.ShouldBe(1);

        var merged = await api.OkAsync(HttpMethod.Post, $"/api/v1/support/conversations/{sourceId}/merge", new { into = targetId, version = Version(source) });
        merged["movedMessages"]!.GetValue<int>().ShouldBe(1);
        merged["source"]!["status"]!.GetValue<string>().ShouldBe("closed");
        merged["source"]!["mergedInto"]!.GetValue<long>().ShouldBe(targetId);
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/jobs/{job}"))["state"]!.GetValue<string>().ShouldBe("cancelled");

        // The target shows the source's message under its own id, and a line on the merge; the source keeps a line pointing there.
        var inTarget = (await api.OkAsync(HttpMethod.Get, $"/api/v1/support/conversations/{targetId}"))["messages"]!.AsArray();
        inTarget.Select(m => m!["id"]!.GetValue<long>()).ShouldContain(first);
        inTarget.Single(m => m!["id"]!.GetValue<long>() == first)!["body"]!.GetValue<string>().ShouldBe("Where is order 1042?");
        inTarget.Last()!["kind"]!.GetValue<string>().ShouldBe("system");
        inTarget.Last()!["body"]!.GetValue<string>().ShouldContain("#1001");
        var inSource = (await api.OkAsync(HttpMethod.Get, $"/api/v1/support/conversations/{sourceId}"))["messages"]!.AsArray();
        inSource.Single()!["body"]!.GetValue<string>().ShouldContain("#1002");
        // Merged conversations leave the lists; the team's API is told where a message for the source belongs.
        (await api.OkAsync(HttpMethod.Get, "/api/v1/support/conversations"))["items"]!.AsArray().Select(c => c!["id"]!.GetValue<long>()).ShouldBe([targetId]);
        var refused = await (await api.PostAsync($"/api/v1/support/conversations/{sourceId}/messages", new { kind = "agent", body = "Hello?" }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "conversation_merged");
        refused["errors"]!["mergedInto"]!.GetValue<long>().ShouldBe(targetId);
        await (await api.PostAsync($"/api/v1/support/conversations/{sourceId}/merge", new { into = targetId, version = Version(merged["source"]!) }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "conversation_merged");

        // The customer's widget on the source reads the target, and what they write there lands in the target.
        var chat = await WeftCaller.OkAsync(visitor, HttpMethod.Get, $"/api/v1/support/widget/default/conversations/{sourceId}?token={token}", null);
        chat["number"]!.GetValue<long>().ShouldBe(1002);
        chat["messages"]!.AsArray().Select(m => m!["id"]!.GetValue<long>()).ShouldContain(first);
        var written = await WeftCaller.OkAsync(visitor, HttpMethod.Post, $"/api/v1/support/widget/default/conversations/{sourceId}/messages?token={token}",
            new { body = "Any news?" });
        written["conversation"]!.GetValue<long>().ShouldBe(targetId);
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/support/conversations/{targetId}"))["messages"]!.AsArray().Last()!["body"]!.GetValue<string>().ShouldBe("Any news?");
        await (await visitor.GetAsync($"/api/v1/support/widget/default/conversations/{sourceId}?token=wrong")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "conversation_not_found");

        var events = (await api.OkAsync(HttpMethod.Get, "/api/v1/webhooks/events")).ToJsonString();
        events.ShouldContain("support.conversation_merged");
        events.ShouldContain("support.conversation_split");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task Different_customers_conversations_merge_only_when_confirmed(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var ana = await StartAsync(api, "ana@example.com", "My parcel is lost.");
        var ben = await StartAsync(api, "ben@example.com", "Our shared parcel is lost.");
        var version = Version((await api.OkAsync(HttpMethod.Get, $"/api/v1/support/conversations/{ben}"))["conversation"]!);
        await (await api.PostAsync($"/api/v1/support/conversations/{ben}/merge", new { into = ana, version }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "merge_customers_differ");
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/support/conversations/{ben}"))["conversation"]!["status"]!.GetValue<string>().ShouldBe("new");
        var merged = await api.OkAsync(HttpMethod.Post, $"/api/v1/support/conversations/{ben}/merge", new { into = ana, version, differentCustomers = true });
        merged["target"]!["id"]!.GetValue<long>().ShouldBe(ana);
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/support/conversations/{ana}"))["messages"]!.AsArray()
            .Count(m => m!["kind"]!.GetValue<string>() == "customer").ShouldBe(2);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task A_split_starts_a_new_conversation_with_its_own_turn_and_SLA(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        await api.OkAsync(HttpMethod.Put, "/api/v1/support/sla-policies/standard", new { name = "Standard", firstReplyMinutes = 60, nextReplyMinutes = 120 });
        var id = await StartAsync(api, "ana@example.com", "My order 1042 arrived damaged.");
        await RunAllAsync(api);
        var billing = await api.OkAsync(HttpMethod.Post, $"/api/v1/support/conversations/{id}/messages", new { kind = "customer", body = "Also, can I change my billing address?" });
        var before = await api.OkAsync(HttpMethod.Get, $"/api/v1/support/conversations/{id}");
        var source = before["conversation"]!;
        var first = before["messages"]!.AsArray().First()!["id"]!.GetValue<long>();

        // Refusals change nothing: a stale version, a stranger's message, no customer message, every customer message.
        await (await api.PostAsync($"/api/v1/support/conversations/{id}/split", new { messages = new[] { Id(billing) }, version = Version(source) - 1 }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "stale_version");
        await (await api.PostAsync($"/api/v1/support/conversations/{id}/split", new { messages = new[] { 999999L }, version = Version(source) }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "message_not_in_conversation");
        var system = before["messages"]!.AsArray().First(m => m!["kind"]!.GetValue<string>() == "system")!["id"]!.GetValue<long>();
        await (await api.PostAsync($"/api/v1/support/conversations/{id}/split", new { messages = new[] { system }, version = Version(source) }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "split_without_customer_message");
        await (await api.PostAsync($"/api/v1/support/conversations/{id}/split", new { messages = new[] { first, Id(billing) }, version = Version(source) }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "split_takes_every_customer_message");
        await (await api.PostAsync($"/api/v1/support/conversations/{id}/split", new { messages = Array.Empty<long>(), version = Version(source) }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        (await api.OkAsync(HttpMethod.Get, "/api/v1/support/conversations"))["items"]!.AsArray().Count.ShouldBe(1);

        api.Clock.Advance(TimeSpan.FromMinutes(10));
        var split = await (await api.PostAsync($"/api/v1/support/conversations/{id}/split", new { messages = new[] { Id(billing) }, subject = "Billing address", version = Version(source) }))
            .ShouldBeOkAsync(HttpStatusCode.Created);
        var made = split["conversation"]!["conversation"]!;
        var madeId = made["id"]!.GetValue<long>();
        made["number"]!.GetValue<long>().ShouldBe(1002);
        made["subject"]!.GetValue<string>().ShouldBe("Billing address");
        made["splitFrom"]!.GetValue<long>().ShouldBe(id);
        made["customer"]!.GetValue<long>().ShouldBe(source["customer"]!.GetValue<long>());
        split["conversation"]!["messages"]!.AsArray().Select(m => m!["id"]!.GetValue<long>()).ShouldContain(Id(billing));
        made["job"]!.GetValue<long>().ShouldNotBe(source["job"]!.GetValue<long>());
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/jobs/{made["job"]}"))["state"]!.GetValue<string>().ShouldBe("active");
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/support/conversations/{id}"))["messages"]!.AsArray()
            .Select(m => m!["id"]!.GetValue<long>()).ShouldNotContain(Id(billing));

        // Its turn triages it, hands it to people (no AI agent here) and sets its own SLA clock from the split.
        await RunAllAsync(api);
        var triaged = (await api.OkAsync(HttpMethod.Get, $"/api/v1/support/conversations/{madeId}"))["conversation"]!;
        triaged["intent"].ShouldNotBeNull();
        triaged["slaPolicy"]!.GetValue<string>().ShouldBe("standard");
        triaged["replyDueAt"]!.GetValue<DateTime>().ShouldBe(api.Clock.GetUtcNow().UtcDateTime.AddMinutes(60), TimeSpan.FromSeconds(1));
        await (await api.PostAsync($"/api/v1/support/conversations/{id}/split", new { messages = new[] { first }, version = Version(source) }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "stale_version");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task A_mail_answering_a_merged_conversation_joins_the_one_it_was_merged_into(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var first = await (await PostMailAsync(api, "Lost parcel", "Where is parcel 7731?", "lost-1@example.com", null)).ShouldBeOkAsync(HttpStatusCode.Created);
        var second = await (await PostMailAsync(api, "Parcel 7731", "Parcel 7731 never came.", "lost-2@example.com", null)).ShouldBeOkAsync(HttpStatusCode.Created);
        var source = first["conversation"]!.GetValue<long>();
        var target = second["conversation"]!.GetValue<long>();
        var version = Version((await api.OkAsync(HttpMethod.Get, $"/api/v1/support/conversations/{source}"))["conversation"]!);
        await api.OkAsync(HttpMethod.Post, $"/api/v1/support/conversations/{source}/merge", new { into = target, version });

        // The customer answers the first mail's thread: it lands in the conversation that holds it now.
        var answer = await (await PostMailAsync(api, "Re: Lost parcel", "Any news on 7731?", "lost-3@example.com", "lost-1@example.com")).ShouldBeOkAsync(HttpStatusCode.OK);
        answer["outcome"]!.GetValue<string>().ShouldBe("threaded");
        answer["conversation"]!.GetValue<long>().ShouldBe(target);
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/support/conversations/{target}"))["messages"]!.AsArray()
            .Where(m => m!["kind"]!.GetValue<string>() == "customer").Select(m => m!["body"]!.GetValue<string>())
            .ShouldBe(["Where is parcel 7731?", "Parcel 7731 never came.", "Any news on 7731?"]);
    }

    private static async Task<HttpResponseMessage> PostMailAsync(WeftApi api, string subject, string text, string messageId, string? inReplyTo)
    {
        var mail = new MimeKit.MimeMessage { Subject = subject, MessageId = messageId };
        mail.From.Add(MimeKit.MailboxAddress.Parse("Ana Lima <ana@example.com>"));
        mail.To.Add(MimeKit.MailboxAddress.Parse("support@shop.test"));
        if (inReplyTo is not null) mail.InReplyTo = inReplyTo;
        mail.Body = new MimeKit.TextPart("plain") { Text = text };
        using var raw = new MemoryStream();
        mail.WriteTo(raw);
        using var content = new ByteArrayContent(raw.ToArray());
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("message/rfc822");
        return await api.Client.PostAsync("/api/v1/support/email/inbound", content);
    }

    private static int Version(JsonNode conversation) => conversation["version"]!.GetValue<int>();

    private static long Id(JsonNode node) => node["id"]!.GetValue<long>();

    private static async Task<long> StartAsync(WeftApi api, string email, string message) =>
        (await api.OkAsync(HttpMethod.Post, "/api/v1/support/conversations", new { customer = new { email }, message }))["conversation"]!["id"]!.GetValue<long>();

    private static async Task RunAllAsync(WeftApi api)
    {
        var runner = api.Services.GetRequiredService<AutomationRunner>();
        while (await runner.RunDueAsync(1) > 0)
        {
        }
    }
}
