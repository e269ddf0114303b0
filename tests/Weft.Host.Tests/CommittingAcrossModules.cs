using System.Net;
using System.Net.Http.Json;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;
using static Weft.Host.Tests.Infrastructure.SignInKit;

namespace Weft.Host.Tests;

/// <summary>
/// One command that changes two modules' data commits once: an admin creates a person together with
/// the engine's agent they act as. The identity module and the engine share one connection and one
/// transaction, so a refusal after the agent was registered leaves neither the user nor the agent.
/// </summary>
public sealed class CommittingAcrossModules
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_person_and_their_new_agent_are_made_together(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);

        var user = await api.OkAsync(HttpMethod.Post, "/api/v1/users", new
        {
            email = "nia@test.weft", name = "Nia North", role = "operator", password = Password,
            newAgent = new { key = "nia", capabilities = new[] { new { name = "Stitching", level = 2 } }, wipLimit = 3 },
        });

        user["agent"]!.GetValue<string>().ShouldBe("nia");
        var agent = await api.OkAsync(HttpMethod.Get, "/api/v1/agents/nia");
        agent["name"]!.GetValue<string>().ShouldBe("Nia North");
        agent["kind"]!.GetValue<string>().ShouldBe("person");
        agent["wipLimit"]!.GetValue<int>().ShouldBe(3);
        agent["capabilities"]![0]!["name"]!.GetValue<string>().ShouldBe("stitching");
        // She signs in and acts as her agent at once.
        var nia = await api.AsUserAsync("nia@test.weft");
        (await nia.OkAsync(HttpMethod.Get, "/api/v1/auth/me"))["agent"]!.GetValue<string>().ShouldBe("nia");
        var audit = await api.AuditAsync();
        audit.ShouldContain(e => e.Type() == "user_created");
        audit.ShouldContain(e => e.Type() == "agent_registered");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_refusal_after_the_agent_was_registered_leaves_neither(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        await api.OkAsync(HttpMethod.Post, "/api/v1/users", new { email = "taken@test.weft", role = "viewer", password = Password });
        await api.OkAsync(HttpMethod.Post, "/api/v1/agents", new { key = "busy", name = "Busy", kind = "person" });
        await api.DrainEventsAsync();
        var before = await SecurityFixtures.TenantSnapshotAsync(api.Services, 1);

        // The engine registers 'zed', then the identity module finds the email taken: the whole command rolls back.
        await (await api.PostAsync("/api/v1/users", new { email = "taken@test.weft", role = "operator", password = Password, newAgent = new { key = "zed" } }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "email_taken");
        // The other way round: the engine refuses the agent, and no user is made.
        await (await api.PostAsync("/api/v1/users", new { email = "new@test.weft", role = "operator", password = Password, newAgent = new { key = "busy" } }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "agent_exists");
        // The engine's field rules answer for the new agent's fields, named as the request names them.
        var invalid = await (await api.PostAsync("/api/v1/users", new
        {
            email = "new@test.weft", role = "operator", password = Password,
            newAgent = new { key = "lev", capabilities = new[] { new { name = "craft", level = 20 } }, wipLimit = 0 },
        })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        invalid["errors"]!["newAgent.capabilities"].ShouldNotBeNull();
        invalid["errors"]!["newAgent.wipLimit"].ShouldNotBeNull();
        await (await api.PostAsync("/api/v1/users", new { email = "new@test.weft", role = "operator", password = Password, agent = "busy", newAgent = new { key = "x" } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await api.DrainEventsAsync();

        (await api.GetAsync("/api/v1/agents/zed")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await SecurityFixtures.TenantSnapshotAsync(api.Services, 1)).ShouldBe(before);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Of_two_admins_creating_the_same_person_at_once_one_wins_and_only_their_agent_exists(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var attempts = await Task.WhenAll(Enumerable.Range(0, 6).Select(async n =>
        {
            using var response = await api.PostAsync("/api/v1/users", new
            {
                email = "twin@test.weft", role = "operator", password = Password, newAgent = new { key = $"twin-{n}" },
            });
            return (n, response.StatusCode, await response.Content.ReadAsStringAsync());
        }));

        attempts.Count(a => a.StatusCode == HttpStatusCode.Created).ShouldBe(1, string.Join(Environment.NewLine, attempts.Select(a => $"{a.StatusCode} {a.Item3}")));
        attempts.Where(a => a.StatusCode != HttpStatusCode.Created).ShouldAllBe(a => a.StatusCode == HttpStatusCode.Conflict && a.Item3.Contains("email_taken"));
        var winner = attempts.Single(a => a.StatusCode == HttpStatusCode.Created).n;
        var agents = (await api.OkAsync(HttpMethod.Get, "/api/v1/agents?limit=500"))["items"]!.AsArray().Select(a => a!["key"]!.GetValue<string>()).ToList();
        agents.Where(k => k.StartsWith("twin-", StringComparison.Ordinal)).ShouldBe([$"twin-{winner}"]);
    }
}
