using System.Net;
using System.Text.Json.Nodes;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;

namespace Weft.Host.Tests;

/// <summary>
/// Affinity in an atelier job, through production's API: each piece is stitched and finished by whoever cut it, while
/// someone else, free and able, is left the work the affinity does not claim.
/// </summary>
public sealed class KeepingAPieceWithOneCraftsperson
{
    private const string Path = "/api/v1/atelier-jobs";

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Every_step_of_a_piece_goes_to_the_craftsperson_who_cut_it(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        (await api.PostAsync("/api/v1/graphs", new
        {
            key = "wallet-craft", name = "Wallet by one hand",
            draft = new
            {
                nodes = new object[]
                {
                    new { key = "start", type = "start" },
                    new { key = "cut", type = "task", capability = "cutting", assignment = "auto" },
                    new { key = "stitch", type = "task", capability = "stitching", assignment = "auto", affinity = "same_agent_as:cut" },
                    new { key = "finish", type = "task", capability = "finishing", assignment = "auto", affinity = "same_agent_as:cut" },
                    new { key = "end", type = "end" },
                },
                edges = new object[]
                {
                    new { from = "start", to = "cut" }, new { from = "cut", to = "stitch" }, new { from = "stitch", to = "finish" }, new { from = "finish", to = "end" },
                },
            },
        })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await api.PostAsync("/api/v1/graphs/wallet-craft/publish")).StatusCode.ShouldBe(HttpStatusCode.Created);
        // Ana and Ben do everything, one piece at a time; Abe only stitches and is always free (and first in line when people tie, by key).
        foreach (var (key, capabilities) in new[] { ("ana", new[] { "cutting", "stitching", "finishing" }), ("ben", new[] { "cutting", "stitching", "finishing" }), ("abe", new[] { "stitching" }) })
            await api.OkAsync(HttpMethod.Post, "/api/v1/agents", new { key, name = key, kind = "person", capabilities = capabilities.Select(c => new { name = c }), wipLimit = 1 });
        await api.OkAsync(HttpMethod.Post, "/api/v1/products", new { key = "wallet", name = "Wallet", routing = "wallet-craft" });
        var order = await api.OkAsync(HttpMethod.Post, Path, new { product = "wallet", quantity = 2 });
        var job = (await api.OkAsync(HttpMethod.Post, $"{Path}/{order["id"]}/release", new { }))["jobId"]!.GetValue<long>();

        // Each person works what the engine gives them until nothing is left.
        for (var round = 0; round < 10; round++)
        {
            var held = (await api.OkAsync(HttpMethod.Get, $"/api/v1/work-items?job={job}&state=assigned"))["items"]!.AsArray();
            if (held.Count == 0) break;
            foreach (var item in held)
            {
                var worker = await api.AsAsync(item!["agent"]!.GetValue<string>());
                await worker.OkAsync(HttpMethod.Post, $"/api/v1/work-items/{item["id"]}/start", new { });
                await worker.OkAsync(HttpMethod.Post, $"/api/v1/work-items/{item["id"]}/complete", new { });
            }
        }

        await api.DrainEventsAsync();
        (await api.OkAsync(HttpMethod.Get, $"{Path}/{order["id"]}"))["state"]!.GetValue<string>().ShouldBe("completed");
        var tokens = (await api.OkAsync(HttpMethod.Get, $"/api/v1/jobs/{job}/tokens")).AsArray().ToDictionary(t => t!["id"]!.GetValue<long>(), t => t!["serial"]!.GetValue<int>());
        var done = (await api.OkAsync(HttpMethod.Get, $"/api/v1/work-items?job={job}&state=completed"))["items"]!.AsArray();
        done.Count.ShouldBe(6);
        var makers = done.GroupBy(i => tokens[i!["tokenId"]!.GetValue<long>()])
            .ToDictionary(g => g.Key, g => g.Select(i => i!["agent"]!.GetValue<string>()).Distinct().ToList());
        makers.Keys.Order().ShouldBe([1, 2]);
        foreach (var (piece, people) in makers) people.Count.ShouldBe(1, $"piece {piece} was made by {string.Join(", ", people)}");
        makers.Values.SelectMany(p => p).ShouldBe(["ana", "ben"], ignoreOrder: true);
        done.ShouldNotContain(i => i!["agent"]!.GetValue<string>() == "abe");
    }
}
