using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Weft.Flow.Automation;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;
using Weft.Testing.FakeProviders;

namespace Weft.Host.Tests;

/// <summary>
/// Support's knowledge base: articles are written as drafts and published to the tenant's public help center and to
/// the AI's help-center knowledge base (through an integration event), so the AI answers from them and the customer's
/// citation links to the article. Unpublishing or deleting takes an article out of both; a draft is never public.
/// </summary>
public sealed class KeepingTheHelpCenter
{
    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task A_published_article_is_public_and_the_AI_answers_from_it_with_a_link(string provider)
    {
        await using var fake = await FakeProviderServer.StartAsync();
        await using var api = await WeftApi.StartAsync(provider);
        await AnsweringFromKnowledge.SetUpAsync(api, fake, maxToolRounds: 0, knowledge: false);

        var article = await api.OkAsync(HttpMethod.Post, "/api/v1/support/articles", new
        {
            title = "Returns and refunds", category = "Orders",
            body = "## Refunds\n\nRefunds reach your card within **30 days** of the parcel coming back.\n\n<script>alert('x')</script> [odd link](javascript:alert(1))",
        });
        article["slug"]!.GetValue<string>().ShouldBe("returns-and-refunds");
        article["status"]!.GetValue<string>().ShouldBe("draft");
        article["url"].ShouldBeNull();
        using var visitor = api.CreateClient();
        (await visitor.GetAsync("/help/default/articles/returns-and-refunds")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await WeftCaller.OkAsync(visitor, HttpMethod.Get, "/api/v1/support/help/default/articles", null)).AsArray().ShouldBeEmpty();

        var id = article["id"]!.GetValue<long>();
        var published = await api.OkAsync(HttpMethod.Post, $"/api/v1/support/articles/{id}/publish", new { version = article["version"]!.GetValue<int>() });
        published["url"]!.GetValue<string>().ShouldBe("/help/default/articles/returns-and-refunds");
        await api.DrainEventsAsync();

        // The public page renders the Markdown, and shows raw HTML and script links as harmless text.
        var page = await visitor.GetAsync("/help/default/articles/returns-and-refunds");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        html.ShouldContain("<h1>Returns and refunds</h1>");
        html.ShouldContain("<strong>30 days</strong>");
        html.ShouldNotContain("<script>alert");
        html.ShouldNotContain("javascript:");
        var home = await (await visitor.GetAsync("/help/default?q=refunds%20card")).Content.ReadAsStringAsync();
        home.ShouldContain("""<a href="/help/default/articles/returns-and-refunds">Returns and refunds</a>""");
        (await (await visitor.GetAsync("/help/default?q=shipping")).Content.ReadAsStringAsync()).ShouldContain("0 articles found");

        // The AI's help-center knowledge base holds it, and an agent answering from it links the customer to it.
        var documents = (await api.OkAsync(HttpMethod.Get, "/api/v1/ai/knowledge/help-center/documents")).AsArray();
        documents.Single()!["name"]!.GetValue<string>().ShouldBe("returns-and-refunds.md");
        await api.OkAsync(HttpMethod.Post, "/api/v1/agents",
            new { key = "answerer", name = "Answerer", kind = "ai", capabilities = new[] { new { name = "support-answering", level = 1 } }, wipLimit = 5 });
        await api.OkAsync(HttpMethod.Post, "/api/v1/ai/agents", new { agent = "answerer", models = new[] { "chat" }, knowledge = new[] { "help-center" }, maxToolRounds = 0 });
        fake.ScriptFor("chat-model", Reply.Text(new JsonObject
        {
            ["reply"] = "Refunds reach your card within 30 days [1].", ["confidence"] = 0.9, ["summary"] = "Asked about refunds.", ["needsPerson"] = false,
        }.ToJsonString()));
        var conversation = (await api.OkAsync(HttpMethod.Post, "/api/v1/support/conversations",
            new { customer = new { name = "Ana Lima", email = "ana@example.com" }, message = "When do refunds reach my card?" }))["conversation"]!["id"]!.GetValue<long>();
        var runner = api.Services.GetRequiredService<AutomationRunner>();
        while (await runner.RunDueAsync(1) > 0)
        {
        }
        var detail = await api.OkAsync(HttpMethod.Get, $"/api/v1/support/conversations/{conversation}");
        var citation = detail["messages"]!.AsArray().Single(m => m!["kind"]!.GetValue<string>() == "ai")!["citations"]!.AsArray().Single()!;
        citation["document"]!.GetValue<string>().ShouldBe("returns-and-refunds.md");
        citation["url"]!.GetValue<string>().ShouldBe("/help/default/articles/returns-and-refunds");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task Editing_a_published_article_updates_the_knowledge_and_unpublishing_takes_it_out(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        using var visitor = api.CreateClient();
        var article = await api.OkAsync(HttpMethod.Post, "/api/v1/support/articles", new { title = "Engraving", body = "Up to two initials." });
        var id = article["id"]!.GetValue<long>();
        article = await api.OkAsync(HttpMethod.Post, $"/api/v1/support/articles/{id}/publish", new { version = article["version"]!.GetValue<int>() });
        await api.DrainEventsAsync();
        Document(await api.OkAsync(HttpMethod.Get, "/api/v1/ai/knowledge/help-center/documents"))["revision"]!.GetValue<int>().ShouldBe(1);

        // A change to a published article is live at once, in the help center and in the knowledge base.
        article = await api.OkAsync(HttpMethod.Put, $"/api/v1/support/articles/{id}",
            new { body = "Up to three initials, gold-stamped.", version = article["version"]!.GetValue<int>() });
        article["status"]!.GetValue<string>().ShouldBe("published");
        await api.DrainEventsAsync();
        Document(await api.OkAsync(HttpMethod.Get, "/api/v1/ai/knowledge/help-center/documents"))["revision"]!.GetValue<int>().ShouldBe(2);
        (await (await visitor.GetAsync("/help/default/articles/engraving")).Content.ReadAsStringAsync()).ShouldContain("three initials");
        var listed = (await WeftCaller.OkAsync(visitor, HttpMethod.Get, "/api/v1/support/help/default/articles", null)).AsArray().Single()!;
        listed["excerpt"]!.GetValue<string>().ShouldBe("Up to three initials, gold-stamped.");
        (await WeftCaller.OkAsync(visitor, HttpMethod.Get, "/api/v1/support/help/default/articles/engraving", null))["html"]!.GetValue<string>()
            .ShouldContain("<p>Up to three initials, gold-stamped.</p>");

        // Renamed, the article's old address and old document go; the new ones come.
        article = await api.OkAsync(HttpMethod.Put, $"/api/v1/support/articles/{id}", new { slug = "engraving-initials", version = article["version"]!.GetValue<int>() });
        await api.DrainEventsAsync();
        Document(await api.OkAsync(HttpMethod.Get, "/api/v1/ai/knowledge/help-center/documents"))["name"]!.GetValue<string>().ShouldBe("engraving-initials.md");
        (await visitor.GetAsync("/help/default/articles/engraving")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        article = await api.OkAsync(HttpMethod.Post, $"/api/v1/support/articles/{id}/unpublish", new { version = article["version"]!.GetValue<int>() });
        article["status"]!.GetValue<string>().ShouldBe("draft");
        await api.DrainEventsAsync();
        (await api.OkAsync(HttpMethod.Get, "/api/v1/ai/knowledge/help-center/documents")).AsArray().ShouldBeEmpty();
        (await visitor.GetAsync("/help/default/articles/engraving-initials")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await (await visitor.GetAsync("/api/v1/support/help/default/articles/engraving-initials")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "article_not_found");

        // Published again and deleted: gone from both.
        article = await api.OkAsync(HttpMethod.Post, $"/api/v1/support/articles/{id}/publish", new { version = article["version"]!.GetValue<int>() });
        await api.DrainEventsAsync();
        (await api.SendAsync(HttpMethod.Delete, $"/api/v1/support/articles/{id}?version={article["version"]}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await api.DrainEventsAsync();
        (await api.OkAsync(HttpMethod.Get, "/api/v1/ai/knowledge/help-center/documents")).AsArray().ShouldBeEmpty();
        await (await api.GetAsync($"/api/v1/support/articles/{id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "article_not_found");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task Wrong_article_requests_are_refused_and_change_nothing(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        await (await api.PostAsync("/api/v1/support/articles", new { body = "No title." })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await api.PostAsync("/api/v1/support/articles", new { title = "No body" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await api.PostAsync("/api/v1/support/articles", new { title = "Bad slug", body = "x", slug = "Bad Slug!" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await api.PostAsync("/api/v1/support/articles", new { title = "Long", body = new string('x', 100_001) })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        var first = await api.OkAsync(HttpMethod.Post, "/api/v1/support/articles", new { title = "Où est ma commande ?", body = "Suivez le colis." });
        first["slug"]!.GetValue<string>().ShouldBe("ou-est-ma-commande");
        // The same title again gets the next free address; a taken address asked for is refused.
        (await api.OkAsync(HttpMethod.Post, "/api/v1/support/articles", new { title = "Où est ma commande ?", body = "Encore." }))["slug"]!.GetValue<string>()
            .ShouldBe("ou-est-ma-commande-2");
        await (await api.PostAsync("/api/v1/support/articles", new { title = "Other", body = "x", slug = "ou-est-ma-commande" }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "article_slug_taken");

        var id = first["id"]!.GetValue<long>();
        var version = first["version"]!.GetValue<int>();
        await (await api.SendAsync(HttpMethod.Put, $"/api/v1/support/articles/{id}", new { title = "Stale", version = version + 1 }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "stale_version");
        await (await api.SendAsync(HttpMethod.Put, $"/api/v1/support/articles/{id}", new { title = "No version" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await api.PostAsync($"/api/v1/support/articles/{id}/unpublish", new { version })).ShouldBeProblemAsync(HttpStatusCode.Conflict, "article_not_published");
        await (await api.PostAsync("/api/v1/support/articles/999999/publish", new { version = 0 })).ShouldBeProblemAsync(HttpStatusCode.NotFound, "article_not_found");
        await (await api.GetAsync("/api/v1/support/articles?status=archived")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/support/articles/{id}"))["title"]!.GetValue<string>().ShouldBe("Où est ma commande ?");

        // Another tenant's staff find nothing of it; an unknown help center is not there.
        var (_, _, other) = await SecurityFixtures.TenantAsync(api, "other-shop", "admin@other.example");
        using var otherAdmin = api.CreateClient(other);
        (await otherAdmin.GetAsync($"/api/v1/support/articles/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await otherAdmin.PostAsync($"/api/v1/support/articles/{id}/publish", JsonContent.Create(new { version }))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var visitor = api.CreateClient();
        (await visitor.GetAsync("/help/nowhere")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await visitor.GetAsync("/help/other-shop")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await visitor.GetAsync("/api/v1/support/help/nowhere/articles")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "tenant_not_found");
        // A visitor cannot write.
        (await visitor.PostAsync("/api/v1/support/articles", JsonContent.Create(new { title = "Spam", body = "x" }))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private static JsonNode Document(JsonNode documents) => documents.AsArray().Single()!;
}
