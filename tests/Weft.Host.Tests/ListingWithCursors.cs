using System.Net;
using System.Text.Json.Nodes;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;

namespace Weft.Host.Tests;

public sealed class ListingWithCursors
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Walking_every_page_returns_each_item_exactly_once(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var world = await SeedAsync(api);

        foreach (var limit in new[] { 1, 2, 3, 500 })
        {
            (await WalkAsync(api, "/api/v1/graphs", limit, "key")).ShouldBe(world.Graphs, $"graphs, limit {limit}");
            (await WalkAsync(api, "/api/v1/agents", limit, "key")).ShouldBe(world.Agents, $"agents, limit {limit}");
            (await WalkAsync(api, "/api/v1/jobs", limit, "id")).ShouldBe(world.Jobs, $"jobs, limit {limit}");
            (await WalkAsync(api, "/api/v1/jobs?graph=list-a", limit, "id")).ShouldBe(world.JobsOfA, $"jobs of list-a, limit {limit}");
            (await WalkAsync(api, "/api/v1/work-items", limit, "id")).ShouldBe(world.Items, $"work items, limit {limit}");
            (await WalkAsync(api, "/api/v1/work-items?state=ready", limit, "id")).ShouldBe(world.Items, $"ready work items, limit {limit}");
            (await WalkAsync(api, $"/api/v1/jobs/{world.Jobs[0]}/events", limit, "id")).ShouldBe(world.EventsOfFirstJob, $"events, limit {limit}");
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_page_holds_at_most_limit_items_and_the_last_page_has_no_cursor(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var world = await SeedAsync(api);

        var first = await api.OkAsync(HttpMethod.Get, "/api/v1/work-items?limit=4");
        first["items"]!.AsArray().Count.ShouldBe(4);
        first["nextCursor"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        var rest = await api.OkAsync(HttpMethod.Get, $"/api/v1/work-items?limit=4&cursor={Uri.EscapeDataString(first["nextCursor"]!.GetValue<string>())}");
        rest["items"]!.AsArray().Count.ShouldBe(world.Items.Count - 4);
        rest["nextCursor"].ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task An_invalid_cursor_is_refused(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var world = await SeedAsync(api);
        var notCursors = new[] { "!!!", "abc", Convert.ToBase64String("id:x"u8.ToArray()), Convert.ToBase64String("id:-3"u8.ToArray()),
            Convert.ToBase64String("page:2"u8.ToArray()), Convert.ToBase64String("id:99999999999999999999"u8.ToArray()) };

        foreach (var list in Lists(world))
            foreach (var cursor in notCursors)
                await ShouldRefuseAsync(api, $"{list}{(list.Contains('?') ? '&' : '?')}cursor={Uri.EscapeDataString(cursor)}", "invalid_cursor");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_limit_out_of_range_is_refused(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var world = await SeedAsync(api);

        foreach (var list in Lists(world))
        {
            var join = list.Contains('?') ? '&' : '?';
            foreach (var limit in new[] { "0", "-1", "501", "100000" })
                await ShouldRefuseAsync(api, $"{list}{join}limit={limit}", "invalid_limit");
            foreach (var limit in new[] { "abc", "1.5", "99999999999999999999" })
                await ShouldRefuseAsync(api, $"{list}{join}limit={limit}", code: null);
        }
    }

    private static IEnumerable<string> Lists(World world) =>
        ["/api/v1/graphs", "/api/v1/agents", "/api/v1/jobs", "/api/v1/jobs?graph=list-a", "/api/v1/work-items",
            $"/api/v1/jobs/{world.Jobs[0]}/events", "/api/v1/inbox"];

    private static async Task ShouldRefuseAsync(WeftApi api, string url, string? code)
    {
        using var response = await api.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, $"{url}: {body}");
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json", url);
        var answered = JsonNode.Parse(body)!["code"]!.GetValue<string>();
        if (code is not null) answered.ShouldBe(code, url);
        else answered.ShouldNotBeNullOrEmpty(url);
    }

    /// <summary>Follows nextCursor from the first page to the last, returning the chosen field of every item in order.</summary>
    private static async Task<List<string>> WalkAsync(WeftApi api, string list, int limit, string field)
    {
        var seen = new List<string>();
        var join = list.Contains('?') ? '&' : '?';
        string? cursor = null;
        for (var page = 0; page < 1_000; page++)
        {
            var url = $"{list}{join}limit={limit}" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var answer = await api.OkAsync(HttpMethod.Get, url);
            var items = answer["items"]!.AsArray();
            items.Count.ShouldBeLessThanOrEqualTo(limit, url);
            seen.AddRange(items.Select(i => i![field]!.ToString()));
            cursor = answer["nextCursor"]?.GetValue<string>();
            if (cursor is null) return seen;
            items.Count.ShouldBe(limit, $"{url}: a page with a next cursor is full");
        }
        throw new Xunit.Sdk.XunitException($"{list} did not reach its last page.");
    }

    private sealed record World(List<string> Graphs, List<string> Agents, List<string> Jobs, List<string> JobsOfA, List<string> Items, List<string> EventsOfFirstJob);

    /// <summary>Seven graphs (two published), seven agents, seven jobs and their eight work items.</summary>
    private static async Task<World> SeedAsync(WeftApi api)
    {
        var graphs = Enumerable.Range(1, 7).Select(i => i switch { 1 => "list-a", 2 => "list-b", _ => $"list-{i}" }).ToList();
        foreach (var key in graphs)
            (await api.PostAsync("/api/v1/graphs", new { key, name = key, draft = Fixtures.OneTask() })).StatusCode.ShouldBe(HttpStatusCode.Created);
        foreach (var key in graphs.Take(2))
            (await api.PostAsync($"/api/v1/graphs/{key}/publish")).StatusCode.ShouldBe(HttpStatusCode.Created);
        var agents = Enumerable.Range(1, 7).Select(i => $"lister-{i}").ToList();
        foreach (var key in agents)
            await api.OkAsync(HttpMethod.Post, "/api/v1/agents", new { key, name = key, capabilities = new[] { new { name = "craft", level = 1 } } });
        var jobs = new List<string>();
        var jobsOfA = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            var graph = i % 2 == 0 ? "list-a" : "list-b";
            var job = await api.OkAsync(HttpMethod.Post, "/api/v1/jobs", new { graph, quantity = i == 0 ? 2 : 1, reference = $"L-{i}" });
            jobs.Add(job["id"]!.ToString());
            if (graph == "list-a") jobsOfA.Add(job["id"]!.ToString());
        }
        var items = (await api.OkAsync(HttpMethod.Get, "/api/v1/work-items?limit=500"))["items"]!.AsArray().Select(i => i!["id"]!.ToString()).ToList();
        items.Count.ShouldBe(8);
        items.ShouldBe(items.OrderBy(long.Parse).ToList());
        var events = (await api.OkAsync(HttpMethod.Get, $"/api/v1/jobs/{jobs[0]}/events?limit=500"))["items"]!.AsArray()
            .Select(e => e!["id"]!.ToString()).ToList();
        events.Count.ShouldBeGreaterThan(5);
        return new World(graphs, agents, jobs, jobsOfA, items, events);
    }
}
