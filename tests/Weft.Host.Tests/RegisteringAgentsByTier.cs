using System.Net;
using System.Text.Json.Nodes;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;
using Weft.Testing.FakeProviders;

namespace Weft.Host.Tests;

/// <summary>
/// The agent registry keeps a tier (essential, revenue, operational, advanced) and a description for people, AI agents
/// and services alike, lists by tier, and refuses a tier it does not know. Support ships its starter agents in those
/// tiers: its desk registers itself as essential, and a manager installs the AI answerer and verifier on the tenant's
/// chat model once one exists.
/// </summary>
public sealed class RegisteringAgentsByTier
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Agents_carry_a_tier_and_a_description_and_list_by_tier(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var pricer = await api.OkAsync(HttpMethod.Post, "/api/v1/agents",
            new { key = "pricer", name = "Pricer", kind = "service", tier = "revenue", description = "Sets prices from demand." });
        pricer["tier"]!.GetValue<string>().ShouldBe("revenue");
        pricer["description"]!.GetValue<string>().ShouldBe("Sets prices from demand.");
        await api.OkAsync(HttpMethod.Post, "/api/v1/agents", new { key = "ana", name = "Ana", kind = "person", tier = "operational" });
        await (await api.PostAsync("/api/v1/agents", new { key = "odd", name = "Odd", tier = "legendary" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await api.PostAsync("/api/v1/agents", new { key = "wordy", name = "Wordy", description = new string('w', 501) })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await api.GetAsync("/api/v1/agents/odd")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "agent_not_found");

        var revenue = (await api.OkAsync(HttpMethod.Get, "/api/v1/agents?tier=revenue"))["items"]!.AsArray();
        revenue.Select(a => a!["key"]!.GetValue<string>()).ShouldBe(["pricer"]);
        await (await api.GetAsync("/api/v1/agents?tier=legendary")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        // A tier is changed, or taken away with an empty text; the description stays unless given.
        var changed = await api.OkAsync(HttpMethod.Patch, "/api/v1/agents/pricer", new { tier = "", version = pricer["version"]!.GetValue<int>() });
        changed["tier"].ShouldBeNull();
        changed["description"]!.GetValue<string>().ShouldBe("Sets prices from demand.");
        (await api.OkAsync(HttpMethod.Get, "/api/v1/agents?tier=revenue"))["items"]!.AsArray().ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Support_installs_its_starter_AI_agents_once_a_chat_model_exists(string provider)
    {
        await using var fake = await FakeProviderServer.StartAsync();
        await using var api = await WeftApi.StartAsync(provider);
        // The desk registers itself, as essential, with the first conversation.
        await api.OkAsync(HttpMethod.Post, "/api/v1/support/conversations", new { customer = new { name = "Ana Lima" }, message = "Hello" });
        var desk = await api.OkAsync(HttpMethod.Get, "/api/v1/agents/support-desk");
        desk["tier"]!.GetValue<string>().ShouldBe("essential");
        desk["description"]!.GetValue<string>().ShouldStartWith("Routes every conversation");

        await (await api.PostAsync("/api/v1/support/starter-agents")).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "no_chat_model");
        await (await api.GetAsync("/api/v1/agents/support-answerer")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "agent_not_found");

        await AnsweringFromKnowledge.SetUpAsync(api, fake, maxToolRounds: 0, knowledge: false);
        await api.OkAsync(HttpMethod.Post, "/api/v1/ai/knowledge", new { key = "help-center", name = "Help center" });
        var result = await api.OkAsync(HttpMethod.Post, "/api/v1/support/starter-agents");
        result["installed"]!.AsArray().Select(k => k!.GetValue<string>()).ShouldBe(["support-answerer", "support-verifier"]);
        var answerer = await api.OkAsync(HttpMethod.Get, "/api/v1/agents/support-answerer");
        answerer["kind"]!.GetValue<string>().ShouldBe("ai");
        answerer["tier"]!.GetValue<string>().ShouldBe("essential");
        answerer["capabilities"]!.AsArray().Single()!["name"]!.GetValue<string>().ShouldBe("support-answering");
        (await api.OkAsync(HttpMethod.Get, "/api/v1/agents/support-verifier"))["tier"]!.GetValue<string>().ShouldBe("operational");
        var profile = await api.OkAsync(HttpMethod.Get, "/api/v1/ai/agents/support-answerer");
        profile["models"]!.AsArray().Single()!.GetValue<string>().ShouldBe("chat");
        profile["knowledge"]!.AsArray().Single()!.GetValue<string>().ShouldBe("help-center");

        // Again: nothing more is made; the roles show who holds them.
        var again = await api.OkAsync(HttpMethod.Post, "/api/v1/support/starter-agents");
        again["installed"]!.AsArray().ShouldBeEmpty();
        var roles = again["agents"]!.AsArray();
        roles.Single(r => r!["role"]!.GetValue<string>() == "Knowledge answerer")!["heldBy"]!.AsArray().Single()!.GetValue<string>().ShouldBe("Knowledge answerer");
        roles.Single(r => r!["role"]!.GetValue<string>() == "Router, sentiment")!["heldBy"]!.AsArray().Single()!.GetValue<string>().ShouldBe("Support desk");
        (await api.OkAsync(HttpMethod.Get, "/api/v1/agents?tier=essential"))["items"]!.AsArray().Select(a => a!["key"]!.GetValue<string>())
            .ShouldBe(["support-desk", "support-answerer"], ignoreOrder: true);
    }
}
