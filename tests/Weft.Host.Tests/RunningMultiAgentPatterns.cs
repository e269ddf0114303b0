using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Weft.Flow.Automation;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;
using Weft.Testing.FakeProviders;

namespace Weft.Host.Tests;

/// <summary>
/// Each multi-agent pattern is a graph a tenant makes with its own agents: every part is a work item on the engine, done
/// by the AI agent with the part's capability (a person where the pattern hands over), each part reading what the parts
/// before it wrote. The fake model server answers each agent's model as scripted and records what each was asked.
/// </summary>
public sealed class RunningMultiAgentPatterns
{
    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task A_sequential_pattern_passes_each_answer_to_the_next_agent(string provider)
    {
        await using var fake = await FakeProviderServer.StartAsync();
        await using var api = await WeftApi.StartAsync(provider);
        await ProviderAsync(api, fake);
        await AiAgentAsync(api, "researcher", "research");
        await AiAgentAsync(api, "writer", "write");
        await api.OkAsync(HttpMethod.Post, "/api/v1/ai/patterns", new
        {
            graph = "brief", kind = "sequential",
            agents = new[]
            {
                new { key = "research", capability = "research", instructions = "Find the facts." },
                new { key = "write", capability = "write", instructions = "Write the customer's answer." },
            },
        });
        fake.ScriptFor("research-model", Reply.Text("Refunds take 5 business days."));
        fake.ScriptFor("write-model", Reply.Text("Your refund arrives within 5 business days."));

        var job = await StartAsync(api, "brief", new { question = "When is my refund coming?" });
        await RunAllAsync(api);

        (await StateAsync(api, job)).ShouldBe("completed");
        var write = Asked(fake, "write-model").ShouldHaveSingleItem();
        write.ShouldContain("Write the customer's answer.");
        write.ShouldContain("Refunds take 5 business days.");
        var data = await DataAsync(api, job);
        data["write"]!["answer"]!.GetValue<string>().ShouldBe("Your refund arrives within 5 business days.");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task A_parallel_pattern_fans_out_and_the_lead_aggregates_every_answer(string provider)
    {
        await using var fake = await FakeProviderServer.StartAsync();
        await using var api = await WeftApi.StartAsync(provider);
        await ProviderAsync(api, fake);
        foreach (var key in new[] { "billing", "shipping", "tone", "aggregator" }) await AiAgentAsync(api, key, key);
        await api.OkAsync(HttpMethod.Post, "/api/v1/ai/patterns", new
        {
            graph = "fan", kind = "parallel",
            agents = new[] { Role("billing"), Role("shipping"), Role("tone") },
            lead = Role("aggregator"),
        });
        fake.ScriptFor("billing-model", Reply.Text("Charged twice on 3 May."));
        fake.ScriptFor("shipping-model", Reply.Text("Parcel delivered 5 May."));
        fake.ScriptFor("tone-model", Reply.Text("Customer is upset."));
        fake.ScriptFor("aggregator-model", Reply.Text("Refund the double charge and apologise."));

        var job = await StartAsync(api, "fan", new { question = "I was charged twice!" });
        await RunAllAsync(api);

        (await StateAsync(api, job)).ShouldBe("completed");
        var aggregate = Asked(fake, "aggregator-model").ShouldHaveSingleItem();
        aggregate.ShouldContain("Charged twice on 3 May.");
        aggregate.ShouldContain("Parcel delivered 5 May.");
        aggregate.ShouldContain("Customer is upset.");
        // The three branches ran as three work items, each once.
        foreach (var model in new[] { "billing-model", "shipping-model", "tone-model" }) Asked(fake, model).ShouldHaveSingleItem();
        (await DataAsync(api, job))["aggregator"]!["answer"]!.GetValue<string>().ShouldBe("Refund the double charge and apologise.");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task A_debate_runs_its_rounds_each_seeing_the_last_and_the_judge_decides(string provider)
    {
        await using var fake = await FakeProviderServer.StartAsync();
        await using var api = await WeftApi.StartAsync(provider);
        await ProviderAsync(api, fake);
        await DebateAsync(api, fake, maxCost: null);

        var job = await StartAsync(api, "refund-debate", new { question = "Refund a customer who returned the bag after 40 days?" });
        await RunAllAsync(api);

        (await StateAsync(api, job)).ShouldBe("completed", (await api.OkAsync(HttpMethod.Get, $"/api/v1/jobs/{job}/events?limit=200")).ToJsonString());
        var pro = Asked(fake, "pro-model");
        pro.Count.ShouldBe(2);
        pro[0].ShouldNotContain("round-1-con");
        // Round 2 answers the other side's round 1.
        pro[1].ShouldContain("Policy says 30 days; no refund.");
        pro[1].ShouldContain("This is round 2 of 2");
        var judge = Asked(fake, "judge-model").ShouldHaveSingleItem();
        judge.ShouldContain("A loyal customer; goodwill pays.");
        judge.ShouldContain("Exceptions must be rare.");
        var data = await DataAsync(api, job);
        data["decision"]!.GetValue<string>().ShouldBe("refund as store credit");
        data["winner"]!.GetValue<string>().ShouldBe("pro");
        // The judge was held to its schema.
        fake.Requests.Last(r => r.Model == "judge-model").Body!["response_format"]!["type"]!.GetValue<string>().ShouldBe("json_schema");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task The_checker_rejects_a_wrong_draft_and_a_person_gets_it_with_the_issues(string provider)
    {
        await using var fake = await FakeProviderServer.StartAsync();
        await using var api = await WeftApi.StartAsync(provider);
        await ProviderAsync(api, fake);
        await AiAgentAsync(api, "maker", "draft");
        await AiAgentAsync(api, "checker", "check");
        await PersonAsync(api, "pat", "support");
        await api.OkAsync(HttpMethod.Post, "/api/v1/ai/patterns", new
        {
            graph = "verified-answer", kind = "verification",
            agents = new[] { new { key = "draft", capability = "draft", instructions = "Draft the reply from the policy in the data." } },
            lead = new { key = "check", capability = "check", instructions = "Compare the draft with the policy." },
            person = new { key = "fix", capability = "support", instructions = (string?)null },
        });
        fake.ScriptFor("draft-model", Reply.Text("You can return items within 90 days."), Reply.Text("Returns are accepted within 30 days."));
        fake.ScriptFor("check-model",
            Reply.Text("""{"verdict":"rejected","issues":["The policy allows 30 days, not 90."],"outcome":"rejected"}"""),
            Reply.Text("""{"verdict":"approved","issues":[],"outcome":"approved"}"""));

        var wrong = await StartAsync(api, "verified-answer", new { policy = "Returns within 30 days.", question = "How long do I have to return?" });
        await RunAllAsync(api);
        Asked(fake, "check-model").Single().ShouldContain("You can return items within 90 days.");
        (await StateAsync(api, wrong)).ShouldBe("active");
        var fix = (await api.OkAsync(HttpMethod.Get, $"/api/v1/work-items?job={wrong}&state=ready"))["items"]!.AsArray().ShouldHaveSingleItem()!;
        fix["node"]!.GetValue<string>().ShouldBe("fix");
        var data = await DataAsync(api, wrong);
        data["verdict"]!.GetValue<string>().ShouldBe("rejected");
        data["issues"]![0]!.GetValue<string>().ShouldBe("The policy allows 30 days, not 90.");

        // A right draft passes the check and ends the job without a person.
        var right = await StartAsync(api, "verified-answer", new { policy = "Returns within 30 days.", question = "Return window?" });
        await RunAllAsync(api);
        (await StateAsync(api, right)).ShouldBe("completed");
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/work-items?job={right}&state=ready"))["items"]!.AsArray().ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task An_expert_panel_has_each_specialist_contribute_and_the_lead_synthesize(string provider)
    {
        await using var fake = await FakeProviderServer.StartAsync();
        await using var api = await WeftApi.StartAsync(provider);
        await ProviderAsync(api, fake);
        foreach (var key in new[] { "legal", "logistics", "lead" }) await AiAgentAsync(api, key, key);
        await api.OkAsync(HttpMethod.Post, "/api/v1/ai/patterns", new
        {
            graph = "panel", kind = "expert_panel", agents = new[] { Role("legal"), Role("logistics") }, lead = Role("lead"),
        });
        fake.ScriptFor("legal-model", Reply.Text("EU law gives 14 days to withdraw."));
        fake.ScriptFor("logistics-model", Reply.Text("Pickup can be booked for Friday."));
        fake.ScriptFor("lead-model", Reply.Text("You may withdraw; we collect on Friday."));

        var job = await StartAsync(api, "panel", new { question = "Can I cancel my order from last week?" });
        await RunAllAsync(api);

        (await StateAsync(api, job)).ShouldBe("completed");
        var lead = Asked(fake, "lead-model").ShouldHaveSingleItem();
        lead.ShouldContain("Synthesize the specialists' contributions (legal, logistics");
        lead.ShouldContain("EU law gives 14 days to withdraw.");
        lead.ShouldContain("Pickup can be booked for Friday.");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task A_handoff_pattern_passes_what_the_agent_cannot_answer_to_a_person_with_a_summary(string provider)
    {
        await using var fake = await FakeProviderServer.StartAsync();
        await using var api = await WeftApi.StartAsync(provider);
        await ProviderAsync(api, fake);
        await AiAgentAsync(api, "front", "front");
        await PersonAsync(api, "pat", "support");
        await api.OkAsync(HttpMethod.Post, "/api/v1/ai/patterns", new
        {
            graph = "front-desk", kind = "handoff", agents = new[] { Role("front") }, person = new { key = "human", capability = "support" },
        });
        fake.ScriptFor("front-model",
            Reply.Text("""{"answer":"","confidence":0.2,"summary":"Customer disputes a chargeback from March; needs account access.","outcome":"handoff"}"""),
            Reply.Text("""{"answer":"Our opening hours are 9 to 5.","confidence":0.95,"outcome":"answered"}"""));

        var hard = await StartAsync(api, "front-desk", new { question = "Why was my chargeback reversed?" });
        await RunAllAsync(api);
        var human = (await api.OkAsync(HttpMethod.Get, $"/api/v1/work-items?job={hard}&state=ready"))["items"]!.AsArray().ShouldHaveSingleItem()!;
        human["node"]!.GetValue<string>().ShouldBe("human");
        (await DataAsync(api, hard))["summary"]!.GetValue<string>().ShouldBe("Customer disputes a chargeback from March; needs account access.");

        var easy = await StartAsync(api, "front-desk", new { question = "When are you open?" });
        await RunAllAsync(api);
        (await StateAsync(api, easy)).ShouldBe("completed");
        (await DataAsync(api, easy))["answer"]!.GetValue<string>().ShouldBe("Our opening hours are 9 to 5.");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task A_job_that_spent_its_pattern_budget_stops_for_a_manager(string provider)
    {
        await using var fake = await FakeProviderServer.StartAsync();
        await using var api = await WeftApi.StartAsync(provider);
        await ProviderAsync(api, fake);
        // Each answer costs 1,000 × $1 + 100 × $4 per million = $0.0014; the debate may spend $0.005: three answers, not four.
        await DebateAsync(api, fake, maxCost: 0.005m, inputTokens: 1000, outputTokens: 100);

        var job = await StartAsync(api, "refund-debate", new { question = "Refund after 40 days?" });
        await RunAllAsync(api);

        // Round 1 (two answers) and one answer of round 2 fit the budget: both round-2 items start from round 1's $0.0028,
        // so both run; the judge starts from $0.0056 and is refused.
        Asked(fake, "judge-model").ShouldBeEmpty();
        var inbox = (await api.OkAsync(HttpMethod.Get, "/api/v1/inbox"))["items"]!.AsArray();
        inbox.ShouldContain(e => e!["reason"]!.GetValue<string>() == "automation_failed" && e["message"]!.GetValue<string>().Contains("of its 0.005 dollars"));
        (await StateAsync(api, job)).ShouldBe("active");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task A_pattern_asked_for_wrongly_is_refused_and_makes_no_graph(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        async Task RefusedAsync(object body, HttpStatusCode status, string code)
        {
            var response = await api.PostAsync("/api/v1/ai/patterns", body);
            response.StatusCode.ShouldBe(status);
            (await response.Content.ReadAsStringAsync()).ShouldContain($"\"code\":\"{code}\"");
        }

        await RefusedAsync(new { graph = "x", kind = "circle", agents = new[] { Role("a") } }, HttpStatusCode.BadRequest, "invalid_kind");
        await RefusedAsync(new { graph = "x", kind = "debate", agents = new[] { Role("a"), Role("b") }, lead = Role("j") }, HttpStatusCode.BadRequest, "invalid_rounds");
        await RefusedAsync(new { graph = "x", kind = "debate", agents = new[] { Role("a"), Role("b") }, lead = Role("j"), rounds = 9 }, HttpStatusCode.BadRequest, "invalid_rounds");
        await RefusedAsync(new { graph = "x", kind = "parallel", agents = new[] { Role("a"), Role("b") } }, HttpStatusCode.BadRequest, "lead_required");
        await RefusedAsync(new { graph = "x", kind = "handoff", agents = new[] { Role("a") } }, HttpStatusCode.BadRequest, "person_required");
        await RefusedAsync(new { graph = "x", kind = "sequential", agents = new[] { Role("a"), Role("a") } }, HttpStatusCode.BadRequest, "duplicate_role_key");
        await RefusedAsync(new { graph = "x", kind = "sequential", agents = new[] { new { key = "a", capability = "" } } }, HttpStatusCode.BadRequest, "capability_required");
        await RefusedAsync(new { graph = "x", kind = "sequential", agents = new[] { Role("a") }, maxCost = -1 }, HttpStatusCode.BadRequest, "invalid_max_cost");
        (await api.GetAsync("/api/v1/graphs/x")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // A graph people made is not overwritten by a pattern.
        await api.OkAsync(HttpMethod.Post, "/api/v1/graphs", new { key = "mine", name = "Mine" });
        await RefusedAsync(new { graph = "mine", kind = "sequential", agents = new[] { Role("a") } }, HttpStatusCode.Conflict, "graph_exists");

        // Making a pattern again with more rounds publishes the next version of its graph.
        var first = await api.OkAsync(HttpMethod.Post, "/api/v1/ai/patterns",
            new { graph = "d", kind = "debate", agents = new[] { Role("a"), Role("b") }, lead = Role("j"), rounds = 1 });
        first["graphVersion"]!.GetValue<int>().ShouldBe(1);
        var again = await api.OkAsync(HttpMethod.Post, "/api/v1/ai/patterns",
            new { graph = "d", kind = "debate", agents = new[] { Role("a"), Role("b") }, lead = Role("j"), rounds = 3 });
        again["graphVersion"]!.GetValue<int>().ShouldBe(2);
        var version = await api.OkAsync(HttpMethod.Get, "/api/v1/graphs/d/versions/2");
        version["definition"]!["nodes"]!.AsArray().Select(n => n!["key"]!.GetValue<string>()).ShouldContain("round-3-b");
        var same = await api.OkAsync(HttpMethod.Post, "/api/v1/ai/patterns",
            new { graph = "d", kind = "debate", agents = new[] { Role("a"), Role("b") }, lead = Role("j"), rounds = 3 });
        same["graphVersion"]!.GetValue<int>().ShouldBe(2);
    }

    private static object Role(string key) => new { key, capability = key };

    internal static async Task DebateAsync(WeftApi api, FakeProviderServer fake, decimal? maxCost, int inputTokens = 10, int outputTokens = 5)
    {
        await AiAgentAsync(api, "pro", "pro");
        await AiAgentAsync(api, "con", "con");
        await AiAgentAsync(api, "judge", "judge");
        await api.OkAsync(HttpMethod.Post, "/api/v1/ai/patterns", new
        {
            graph = "refund-debate", kind = "debate", rounds = 2, maxCost,
            agents = new[]
            {
                new { key = "pro", capability = "pro", instructions = "Argue for the refund." },
                new { key = "con", capability = "con", instructions = "Argue against the refund." },
            },
            lead = new { key = "judge", capability = "judge", instructions = "Decide as the store manager." },
        });
        fake.ScriptFor("pro-model", Reply.Text("A loyal customer; goodwill pays.", inputTokens, outputTokens),
            Reply.Text("Thirty days is a guideline, not a wall.", inputTokens, outputTokens));
        fake.ScriptFor("con-model", Reply.Text("Policy says 30 days; no refund.", inputTokens, outputTokens),
            Reply.Text("Exceptions must be rare.", inputTokens, outputTokens));
        fake.ScriptFor("judge-model",
            Reply.Text("""{"decision":"refund as store credit","winner":"pro","reasoning":"Loyalty outweighs ten days."}""", inputTokens, outputTokens));
    }

    internal static async Task ProviderAsync(WeftApi api, FakeProviderServer fake) =>
        await api.OkAsync(HttpMethod.Post, "/api/v1/ai/providers",
            new { key = "fake", name = "Fake", kind = "openai_compatible", baseUrl = fake.OpenAIBaseUrl.AbsoluteUri, apiKey = "sk-patterns-1", timeoutSeconds = 30 });

    /// <summary>An AI agent with the capability, answering through its own model (<c>{key}-model</c> at the fake server).</summary>
    internal static async Task AiAgentAsync(WeftApi api, string key, string capability)
    {
        await api.OkAsync(HttpMethod.Post, "/api/v1/ai/models", new
        {
            key = $"{key}-m", kind = "openai_compatible", provider = "fake", providerModel = $"{capability}-model", purpose = "chat", contextWindow = 32_000,
            inputPrice = 1m, outputPrice = 4m,
        });
        await api.OkAsync(HttpMethod.Post, "/api/v1/agents",
            new { key, name = key, kind = "ai", capabilities = new[] { new { name = capability, level = 1 } }, wipLimit = 5 });
        await api.OkAsync(HttpMethod.Post, "/api/v1/ai/agents", new { agent = key, models = new[] { $"{key}-m" } });
    }

    private static Task PersonAsync(WeftApi api, string key, string capability) =>
        api.OkAsync(HttpMethod.Post, "/api/v1/agents", new { key, name = key, kind = "person", capabilities = new[] { new { name = capability, level = 1 } }, wipLimit = 5 });

    private static async Task<long> StartAsync(WeftApi api, string graph, object data) =>
        (await api.OkAsync(HttpMethod.Post, "/api/v1/jobs", new { graph, quantity = 1, reference = $"{graph}-{Guid.NewGuid():N}"[..30], data }))["id"]!.GetValue<long>();

    /// <summary>Runs automated work until none is due: parallel branches become due together, later parts after them.</summary>
    private static async Task RunAllAsync(WeftApi api)
    {
        var runner = api.Services.GetRequiredService<AutomationRunner>();
        while (await runner.RunDueAsync(1) > 0)
        {
        }
    }

    private static async Task<string> StateAsync(WeftApi api, long job) =>
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/jobs/{job}"))["state"]!.GetValue<string>();

    /// <summary>What the job's completed work recorded, in the order it was done.</summary>
    private static async Task<JsonObject> DataAsync(WeftApi api, long job)
    {
        var items = (await api.OkAsync(HttpMethod.Get, $"/api/v1/work-items?job={job}&state=completed&limit=100"))["items"]!.AsArray();
        var data = new JsonObject();
        foreach (var item in items.OrderBy(i => i!["endedAt"]!.GetValue<DateTime>()).ThenBy(i => i!["id"]!.GetValue<long>()))
            foreach (var (k, v) in item!["result"]?.AsObject() ?? [])
                data[k] = v?.DeepClone();
        return data;
    }

    /// <summary>What the model was asked each time (the last message of each request), in order.</summary>
    private static List<string> Asked(FakeProviderServer fake, string model) =>
        fake.Requests.Where(r => r.Model == model).Select(r => r.Body!["messages"]!.AsArray().Last()!["content"]!.ToString()).ToList();
}
