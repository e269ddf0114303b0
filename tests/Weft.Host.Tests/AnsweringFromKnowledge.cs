using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Weft.Flow.Automation;
using Weft.Flow.Definitions;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;
using Weft.Testing.FakeProviders;

namespace Weft.Host.Tests;

/// <summary>
/// An admin uploads documents to a knowledge base; an agent given the base answers from the chunks its question finds,
/// numbered in its prompt, and its answer's [n] marks the ones it used. Replacing a document replaces what is found;
/// deleting it leaves nothing of it to find. The provider is a local fake speaking OpenAI's protocol.
/// </summary>
public sealed class AnsweringFromKnowledge
{
    private const string Policies = """
        # Store policies

        ## Refunds

        Refunds are paid within 30 days to the card used for the order.

        ## Shipping

        Parcels leave the warehouse within 2 working days of the order.
        """;

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task An_answer_cites_the_chunk_it_used_after_upload_replacement_and_deletion(string provider)
    {
        await using var fake = await FakeProviderServer.StartAsync();
        await using var api = await WeftApi.StartAsync(provider);
        await SetUpAsync(api, fake, maxToolRounds: 0);

        var uploaded = await UploadAsync(api, "policies", "policies.md", Policies);
        uploaded["outcome"]!.GetValue<string>().ShouldBe("created");
        uploaded["document"]!["type"]!.GetValue<string>().ShouldBe("markdown");
        uploaded["document"]!["chunks"]!.GetValue<int>().ShouldBe(2);
        uploaded["document"]!["title"]!.GetValue<string>().ShouldBe("Store policies");
        var documentId = uploaded["document"]!["id"]!.GetValue<long>();

        fake.ScriptFor("chat-model", Reply.Text("Refunds are paid within 30 days [1]."));
        var run = await api.OkAsync(HttpMethod.Post, "/api/v1/ai/agents/helper/runs", new { input = "How long do refunds take?" });
        var first = run["sources"]!.AsArray()[0]!;
        first["rank"]!.GetValue<int>().ShouldBe(1);
        first["heading"]!.GetValue<string>().ShouldBe("Store policies › Refunds");
        first["text"]!.GetValue<string>().ShouldContain("30 days");
        first["cited"]!.GetValue<bool>().ShouldBeTrue();
        first["documentName"]!.GetValue<string>().ShouldBe("policies.md");
        run["sources"]!.AsArray().Skip(1).ShouldAllBe(s => !s!["cited"]!.GetValue<bool>());
        // The model was given the chunk, numbered as the answer cites it.
        var prompt = string.Join("\n", fake.LastRequest!.Body!["messages"]!.AsArray().Select(m => m!["content"]!.ToString()));
        prompt.ShouldContain("[1] policies.md › Store policies › Refunds");
        prompt.ShouldContain("Refunds are paid within 30 days");

        // The same file again changes nothing; a new version replaces the chunks.
        (await UploadAsync(api, "policies", "policies.md", Policies, HttpStatusCode.OK))["outcome"]!.GetValue<string>().ShouldBe("unchanged");
        var replaced = await UploadAsync(api, "policies", "policies.md", Policies.Replace("30 days", "14 days"), HttpStatusCode.OK);
        replaced["outcome"]!.GetValue<string>().ShouldBe("replaced");
        replaced["document"]!["revision"]!.GetValue<int>().ShouldBe(2);
        replaced["document"]!["id"]!.GetValue<long>().ShouldBe(documentId);
        var found = await api.OkAsync(HttpMethod.Post, "/api/v1/ai/knowledge/policies/search", new { query = "refund days" });
        found["mode"]!.GetValue<string>().ShouldBe("lexical");
        var best = found["chunks"]!.AsArray()[0]!;
        best["text"]!.GetValue<string>().ShouldContain("14 days");
        best["lexical"]!.GetValue<double>().ShouldBeGreaterThan(0);
        found.ToJsonString().ShouldNotContain("30 days");

        fake.ScriptFor("chat-model", Reply.Text("Refunds are paid within 14 days [1]."));
        var second = await api.OkAsync(HttpMethod.Post, "/api/v1/ai/agents/helper/runs", new { input = "How long do refunds take?" });
        second["sources"]!.AsArray()[0]!["text"]!.GetValue<string>().ShouldContain("14 days");
        second["sources"]!.AsArray()[0]!["cited"]!.GetValue<bool>().ShouldBeTrue();
        // The first run keeps the chunk as it was given then.
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/ai/runs/{run["id"]}"))["sources"]!.AsArray()[0]!["text"]!.GetValue<string>().ShouldContain("30 days");

        (await api.SendAsync(HttpMethod.Delete, $"/api/v1/ai/knowledge/policies/documents/{documentId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await api.OkAsync(HttpMethod.Post, "/api/v1/ai/knowledge/policies/search", new { query = "refund days" }))["chunks"]!.AsArray().ShouldBeEmpty();
        fake.ScriptFor("chat-model", Reply.Text("I do not know."));
        var third = await api.OkAsync(HttpMethod.Post, "/api/v1/ai/agents/helper/runs", new { input = "How long do refunds take?" });
        third["sources"]!.AsArray().ShouldBeEmpty();
        fake.LastRequest!.Body!["messages"]!.AsArray()[0]!["content"]!.ToString().ShouldContain("No source matched the question.");
        (await api.OkAsync(HttpMethod.Get, "/api/v1/ai/knowledge/policies"))["documents"]!.GetValue<int>().ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Uploads_that_cannot_be_read_are_refused_and_change_nothing(string provider)
    {
        await using var fake = await FakeProviderServer.StartAsync();
        await using var api = await WeftApi.StartAsync(provider);
        await SetUpAsync(api, fake, maxToolRounds: 0);
        await UploadAsync(api, "policies", "policies.md", Policies);

        await (await PostFileAsync(api, "policies", "sheet.xlsx", "a,b")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "document_type_unsupported");
        await (await PostFileAsync(api, "policies", "empty.txt", "")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "document_empty");
        await (await PostFileAsync(api, "policies", "broken.docx", "not a zip")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "document_unreadable");
        await (await PostFileAsync(api, "nowhere", "a.txt", "text")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "knowledge_base_not_found");
        await (await api.PostAsync("/api/v1/ai/knowledge/policies/documents", new { file = "x" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        using (var program = api.CreateClient("ApiKey " + api.AdminKey))
        {
            // A multipart body that ends before its closing boundary is read (and refused) before the endpoint runs.
            var broken = new StringContent("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nhalf", Encoding.UTF8);
            broken.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");
            await (await program.PostAsync("/api/v1/ai/knowledge/policies/documents", broken)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "malformed_request");
        }
        await (await api.PostAsync("/api/v1/ai/knowledge/policies/search", new { query = "" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await api.PostAsync("/api/v1/ai/knowledge", new { key = "policies", name = "Again" })).ShouldBeProblemAsync(HttpStatusCode.Conflict, "knowledge_base_exists");
        await (await api.PostAsync("/api/v1/ai/knowledge", new { key = "x", name = "X", embeddingModel = "chat-model-key" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await api.SendAsync(HttpMethod.Patch, "/api/v1/ai/agents/helper", new { knowledge = new[] { "nowhere" } })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");

        var documents = (await api.OkAsync(HttpMethod.Get, "/api/v1/ai/knowledge/policies/documents")).AsArray();
        documents.Select(d => d!["name"]!.GetValue<string>()).ShouldBe(["policies.md"]);

        // A document larger than the host's usual 1 MB request limit is welcome up to the documents' own limit.
        var manual = string.Concat(Enumerable.Range(1, 3000).Select(i => $"# Section {i}\n\nParagraph {i} of the operations manual, long enough to count. " + new string('w', 600) + "\n\n"));
        (await UploadAsync(api, "policies", "manual.md", manual))["document"]!["chunks"]!.GetValue<int>().ShouldBeGreaterThan(100);
        var manualId = (await api.OkAsync(HttpMethod.Get, "/api/v1/ai/knowledge/policies/documents")).AsArray().Single(d => d!["name"]!.GetValue<string>() == "manual.md")!["id"];
        (await api.SendAsync(HttpMethod.Delete, $"/api/v1/ai/knowledge/policies/documents/{manualId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var detail = await api.OkAsync(HttpMethod.Get, $"/api/v1/ai/knowledge/policies/documents/{documents[0]!["id"]}");
        detail["chunks"]!.AsArray().Select(c => c!["heading"]!.GetValue<string>()).ShouldBe(["Store policies › Refunds", "Store policies › Shipping"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task With_an_embeddings_model_a_search_fuses_words_and_vectors(string provider)
    {
        await using var fake = await FakeProviderServer.StartAsync();
        await using var api = await WeftApi.StartAsync(provider);
        await SetUpAsync(api, fake, maxToolRounds: 0, embeddings: true);
        (await api.OkAsync(HttpMethod.Get, "/api/v1/ai/knowledge/policies"))["embeddingModel"]!.GetValue<string>().ShouldBe("embed");

        var uploaded = await UploadAsync(api, "policies", "policies.md", Policies);
        uploaded["document"]!["embeddingModel"]!.GetValue<string>().ShouldBe("embed");
        fake.Requests.Count(r => r.Path == "/v1/embeddings").ShouldBe(1);

        var found = await api.OkAsync(HttpMethod.Post, "/api/v1/ai/knowledge/policies/search", new { query = "When do parcels leave the warehouse?" });
        found["mode"]!.GetValue<string>().ShouldBe("hybrid");
        var chunks = found["chunks"]!.AsArray();
        chunks[0]!["heading"]!.GetValue<string>().ShouldBe("Store policies › Shipping");
        chunks[0]!["vector"]!.GetValue<double>().ShouldBeGreaterThan(chunks[1]!["vector"]!.GetValue<double>());
        // Found by both rankings first: 1/61 + 1/61.
        chunks[0]!["score"]!.GetValue<double>().ShouldBe(2.0 / 61, 1e-9);
        var detail = await api.OkAsync(HttpMethod.Get, $"/api/v1/ai/knowledge/policies/documents/{uploaded["document"]!["id"]}");
        detail["chunks"]!.AsArray().ShouldAllBe(c => c!["embedded"]!.GetValue<bool>());

        // The embeddings cost money and count: the upload's and the retrieval test's under the knowledge base, a run's query
        // embedding as the run's first call, each at the catalogue's price ($0.02 per million input tokens).
        fake.ScriptFor("chat-model", Reply.Text("Parcels leave within 2 working days [1].", inputTokens: 1_000, outputTokens: 100));
        var run = await api.OkAsync(HttpMethod.Post, "/api/v1/ai/agents/helper/runs", new { input = "When do parcels leave the warehouse?" });
        run["calls"]!.AsArray().Select(c => (c!["model"]!.GetValue<string>(), c["outcome"]!.GetValue<string>())).ShouldBe([("embed", "answered"), ("chat", "answered")]);
        var queryTokens = run["calls"]![0]!["usage"]!["input"]!.GetValue<long>();
        queryTokens.ShouldBeGreaterThan(0);
        run["cost"]!.GetValue<decimal>().ShouldBe(queryTokens * 0.02m / 1_000_000 + (1_000 * 1m + 100 * 4m) / 1_000_000);
        var byAgent = (await api.OkAsync(HttpMethod.Get, "/api/v1/ai/costs?by=agent"))["lines"]!.AsArray()
            .ToDictionary(l => l!["key"]!.GetValue<string>(), l => l!);
        byAgent.Keys.ShouldBe(["helper", "knowledge:policies"], ignoreOrder: true);
        var knowledge = byAgent["knowledge:policies"];
        (knowledge["runs"]!.GetValue<int>(), knowledge["calls"]!.GetValue<int>()).ShouldBe((0, 2), "the upload's one batch and the retrieval test's query");
        knowledge["cost"]!.GetValue<decimal>().ShouldBe(knowledge["usage"]!["input"]!.GetValue<long>() * 0.02m / 1_000_000);
        var embedLine = (await api.OkAsync(HttpMethod.Get, "/api/v1/ai/costs?by=model"))["lines"]!.AsArray().Single(l => l!["key"]!.GetValue<string>() == "embed")!;
        embedLine["calls"]!.GetValue<int>().ShouldBe(3);

        // When the embeddings model fails, an upload changes nothing and says why.
        fake.ScriptFor("fake-embedding", Reply.Fail(500), Reply.Fail(500));
        await (await PostFileAsync(api, "policies", "more.txt", "More text.")).ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "embeddings_failed");
        (await api.OkAsync(HttpMethod.Get, "/api/v1/ai/knowledge/policies/documents")).AsArray().Count.ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_model_may_search_again_for_as_many_rounds_as_the_agent_allows(string provider)
    {
        await using var fake = await FakeProviderServer.StartAsync();
        await using var api = await WeftApi.StartAsync(provider);
        await SetUpAsync(api, fake, maxToolRounds: 1);
        await UploadAsync(api, "policies", "policies.md", Policies);

        fake.ScriptFor("chat-model", Reply.ToolCall("search_knowledge", """{"query":"parcels warehouse"}"""), Reply.Text("They leave within 2 working days [1]."));
        var run = await api.OkAsync(HttpMethod.Post, "/api/v1/ai/agents/helper/runs", new { input = "Refund or shipping: when does my parcel leave?" });
        run["toolRounds"]!.GetValue<int>().ShouldBe(1);
        run["output"]!.GetValue<string>().ShouldBe("They leave within 2 working days [1].");
        run["calls"]!.AsArray().Count.ShouldBe(2);
        var chats = fake.Requests.Where(r => r.Path == "/v1/chat/completions").ToList();
        chats[0].Body!["tools"]!.AsArray().Single()!["function"]!["name"]!.GetValue<string>().ShouldBe("search_knowledge");
        // The last round offers no tools: the model must answer.
        chats[1].Body!["tools"].ShouldBeNull();
        chats[1].Body!["messages"]!.AsArray().ShouldContain(m => m!["role"]!.GetValue<string>() == "tool");

        // A run budget spent by a tool round stops the run.
        await api.OkAsync(HttpMethod.Patch, "/api/v1/ai/agents/helper", new { budgetPerRun = 0.01m, maxToolRounds = 3 });
        fake.ScriptFor("chat-model", Reply.ToolCall("search_knowledge", """{"query":"refunds"}""") with { InputTokens = 20_000 });
        await (await api.PostAsync("/api/v1/ai/agents/helper/runs", new { input = "Refunds?" })).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "run_budget_spent");
        var stopped = (await api.OkAsync(HttpMethod.Get, "/api/v1/ai/runs?agent=helper"))["items"]!.AsArray()[0]!;
        stopped["state"]!.GetValue<string>().ShouldBe("failed");
        stopped["toolRounds"]!.GetValue<int>().ShouldBe(1);
        stopped["cost"]!.GetValue<decimal>().ShouldBe(0.02002m);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_thread_keeps_the_conversation_and_gives_it_to_the_next_run(string provider)
    {
        await using var fake = await FakeProviderServer.StartAsync();
        await using var api = await WeftApi.StartAsync(provider);
        await SetUpAsync(api, fake, maxToolRounds: 0, knowledge: false);

        fake.ScriptFor("chat-model", Reply.Text("Hello Ana."), Reply.Text("You are Ana."));
        var first = await api.OkAsync(HttpMethod.Post, "/api/v1/ai/agents/helper/runs", new { input = "I am Ana." });
        var thread = first["thread"]!.GetValue<long>();
        var second = await api.OkAsync(HttpMethod.Post, "/api/v1/ai/agents/helper/runs", new { input = "Who am I?", thread });
        second["thread"]!.GetValue<long>().ShouldBe(thread);
        fake.LastRequest!.Body!["messages"]!.AsArray().Select(m => (m!["role"]!.GetValue<string>(), m["content"]!.ToString()))
            .ShouldBe([("user", "I am Ana."), ("assistant", "Hello Ana."), ("user", "Who am I?")]);

        var detail = await api.OkAsync(HttpMethod.Get, $"/api/v1/ai/threads/{thread}");
        detail["thread"]!["title"]!.GetValue<string>().ShouldBe("I am Ana.");
        detail["messages"]!.AsArray().Select(m => m!["content"]!.GetValue<string>()).ShouldBe(["I am Ana.", "Hello Ana.", "Who am I?", "You are Ana."]);
        (await api.OkAsync(HttpMethod.Get, "/api/v1/ai/threads?agent=helper"))["items"]!.AsArray().Count.ShouldBe(1);

        // A failed run adds nothing to the thread.
        fake.ScriptFor("chat-model", Reply.Fail(500));
        (await api.PostAsync("/api/v1/ai/agents/helper/runs", new { input = "Still there?", thread })).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/ai/threads/{thread}"))["messages"]!.AsArray().Count.ShouldBe(4);

        await api.OkAsync(HttpMethod.Post, "/api/v1/agents", new { key = "other", name = "Other", kind = "ai" });
        await api.OkAsync(HttpMethod.Post, "/api/v1/ai/agents", new { agent = "other", models = new[] { "chat" } });
        await (await api.PostAsync("/api/v1/ai/agents/other/runs", new { input = "Hi", thread })).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "thread_of_another_agent");
        await (await api.PostAsync("/api/v1/ai/agents/helper/runs", new { input = "Hi", thread = 999_999 })).ShouldBeProblemAsync(HttpStatusCode.NotFound, "thread_not_found");
    }

    /// <summary>
    /// In a flow, an AI step searches its knowledge with the field the node names (the customer's question), not with the
    /// whole task and its data, and the sources its answer cites travel on in the step's record.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task An_ai_step_searches_with_the_field_its_node_names_and_keeps_what_it_cites(string provider)
    {
        await using var fake = await FakeProviderServer.StartAsync();
        await using var api = await WeftApi.StartAsync(provider);
        await SetUpAsync(api, fake, maxToolRounds: 0);
        await UploadAsync(api, "policies", "policies.md", Policies);
        await api.OkAsync(HttpMethod.Post, "/api/v1/agents",
            new { key = "answerer", name = "Answerer", kind = "ai", capabilities = new[] { new { name = "answer", level = 1 } }, wipLimit = 5 });
        await api.OkAsync(HttpMethod.Post, "/api/v1/ai/agents", new { agent = "answerer", models = new[] { "chat" }, knowledge = new[] { "policies" }, maxToolRounds = 0 });
        await api.OkAsync(HttpMethod.Post, "/api/v1/graphs", new { key = "answering", name = "Answering" });
        await api.OkAsync(HttpMethod.Put, "/api/v1/graphs/answering/draft", new GraphDefinition
        {
            Nodes =
            [
                new() { Key = "start", Type = NodeType.Start },
                new()
                {
                    Key = "answer", Type = NodeType.Task, Capability = "answer", Assignment = AssignmentMode.Auto, KnowledgeQueryField = "question",
                    Instructions = "Answer the customer's question from the sources.",
                },
                new() { Key = "end", Type = NodeType.End },
            ],
            Edges = [new() { From = "start", To = "answer" }, new() { From = "answer", To = "end" }],
        });
        await api.OkAsync(HttpMethod.Post, "/api/v1/graphs/answering/publish", new { });
        fake.ScriptFor("chat-model", Reply.Text("Refunds are paid within 30 days [1]."));

        // The data talks about shipping at length; the question is about refunds.
        var job = await api.OkAsync(HttpMethod.Post, "/api/v1/jobs", new
        {
            graph = "answering", quantity = 1, reference = "Q-1",
            data = new { question = "How long do refunds take?", history = "Parcels, shipping, the warehouse: parcels leave the warehouse within working days." },
        });
        (await api.Services.GetRequiredService<AutomationRunner>().RunDueAsync(1)).ShouldBe(1);

        var prompt = string.Join("\n", fake.LastRequest!.Body!["messages"]!.AsArray().Select(m => m!["content"]!.ToString()));
        prompt.ShouldContain("[1] policies.md › Store policies › Refunds");
        var item = (await api.OkAsync(HttpMethod.Get, $"/api/v1/work-items?job={job["id"]}&state=completed"))["items"]!.AsArray().Single()!;
        var source = item["result"]!["answer"]!["sources"]!.AsArray().Single()!;
        source["rank"]!.GetValue<int>().ShouldBe(1);
        source["document"]!.GetValue<string>().ShouldBe("policies.md");
        source["heading"]!.GetValue<string>().ShouldBe("Store policies › Refunds");
        source["excerpt"]!.GetValue<string>().ShouldContain("30 days");
    }

    internal static async Task SetUpAsync(WeftApi api, FakeProviderServer fake, int maxToolRounds, bool embeddings = false, bool knowledge = true)
    {
        await api.OkAsync(HttpMethod.Post, "/api/v1/ai/providers",
            new { key = "fake", name = "Fake", kind = "openai_compatible", baseUrl = fake.OpenAIBaseUrl.AbsoluteUri, apiKey = "sk-knowledge-1", timeoutSeconds = 10 });
        await api.OkAsync(HttpMethod.Post, "/api/v1/ai/models", new
        {
            key = "chat", kind = "openai_compatible", provider = "fake", providerModel = "chat-model", purpose = "chat", contextWindow = 32_000,
            inputPrice = 1m, outputPrice = 4m, cachedInputPrice = 0.1m,
        });
        if (embeddings)
        {
            await api.OkAsync(HttpMethod.Post, "/api/v1/ai/models", new
            {
                key = "embed", kind = "openai_compatible", provider = "fake", providerModel = "fake-embedding", purpose = "embeddings", contextWindow = 8_000,
                inputPrice = 0.02m, outputPrice = 0m,
            });
        }
        if (knowledge) await api.OkAsync(HttpMethod.Post, "/api/v1/ai/knowledge", new { key = "policies", name = "Store policies" });
        await api.OkAsync(HttpMethod.Post, "/api/v1/agents", new { key = "helper", name = "Helper", kind = "ai" });
        await api.OkAsync(HttpMethod.Post, "/api/v1/ai/agents", new
        {
            agent = "helper", models = new[] { "chat" }, knowledge = knowledge ? new[] { "policies" } : [], maxToolRounds,
        });
    }

    /// <summary>A program's upload: its API key and no session cookie (a browser's form post also carries the antiforgery token).</summary>
    internal static async Task<HttpResponseMessage> PostFileAsync(WeftApi api, string knowledgeBase, string name, string text)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", name);
        using var program = api.CreateClient("ApiKey " + api.AdminKey);
        return await program.PostAsync($"/api/v1/ai/knowledge/{knowledgeBase}/documents", form);
    }

    internal static async Task<JsonNode> UploadAsync(WeftApi api, string knowledgeBase, string name, string text, HttpStatusCode status = HttpStatusCode.Created)
    {
        using var response = await PostFileAsync(api, knowledgeBase, name, text);
        return await response.ShouldBeOkAsync(status);
    }
}
