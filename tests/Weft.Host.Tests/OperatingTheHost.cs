using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Weft.Flow.Definitions;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;

namespace Weft.Host.Tests;

public sealed partial class OperatingTheHost
{
    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task Liveness_and_readiness_answer_healthy(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);

        foreach (var url in new[] { "/health/live", "/health/ready" })
        {
            using var response = await api.GetAsync(url);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
            (await response.Content.ReadAsStringAsync()).ShouldBe("Healthy", url);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task Metrics_are_prometheus_text_with_request_counters_and_work_gauges(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        await PublishAsync(api, "ops");
        await api.OkAsync(HttpMethod.Post, "/api/v1/jobs", new { graph = "ops", quantity = 3, reference = "M-1" });
        (await api.GetAsync("/api/v1/jobs/987654")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        using var response = await api.GetAsync("/metrics");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        var text = await response.Content.ReadAsStringAsync();
        text.ShouldContain("# TYPE weft_http_requests_total counter");
        text.ShouldContain("weft_http_requests_total{method=\"POST\",status=\"201\"}");
        text.ShouldContain("weft_http_requests_total{method=\"GET\",status=\"404\"} 1");
        text.ShouldContain("weft_work_items{state=\"ready\"} 3");
        text.ShouldContain("weft_jobs{state=\"active\"} 1");
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')))
            MetricLine().IsMatch(line).ShouldBeTrue($"not a Prometheus sample: {line}");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task The_openapi_document_lists_every_api_route(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);

        var document = await api.OkAsync(HttpMethod.Get, "/openapi/v1.json");
        var paths = document["paths"]!.AsObject();
        paths.ShouldContainKey("/api/v1/work-items/{id}/claim");
        paths.ShouldContainKey("/api/v1/graphs/{key}/draft");
        paths.ShouldContainKey("/api/v1/jobs");
        paths.ShouldContainKey("/api/v1/agents/{key}");
        paths["/api/v1/work-items/{id}/claim"]!.AsObject().ShouldContainKey("post");
        paths["/api/v1/agents/{key}"]!.AsObject().ShouldContainKey("patch");
        var routes = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m =>
                (Path: Constraint().Replace(e.RoutePattern.RawText!, "}").TrimEnd('/'), Method: m.ToLowerInvariant())))
            .ToList();
        routes.Count.ShouldBeGreaterThan(20);
        foreach (var (path, method) in routes)
        {
            paths.ShouldContainKey(path);
            paths[path]!.AsObject().ShouldContainKey(method, $"{method} {path}");
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task Updating_an_agent_with_a_stale_version_is_refused(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var agent = await api.OkAsync(HttpMethod.Post, "/api/v1/agents", new { key = "eve", name = "Eve", wipLimit = 1 });
        var version = agent["version"]!.GetValue<int>();
        var updated = await api.OkAsync(HttpMethod.Patch, "/api/v1/agents/eve", new { wipLimit = 2, version });
        updated["version"]!.GetValue<int>().ShouldNotBe(version);

        using var stale = await api.SendAsync(HttpMethod.Patch, "/api/v1/agents/eve", new { wipLimit = 7, version });

        await ShouldBeProblemAsync(stale, HttpStatusCode.Conflict, "stale_version");
        var now = await api.OkAsync(HttpMethod.Get, "/api/v1/agents/eve");
        now["wipLimit"]!.GetValue<int>().ShouldBe(2);
        now["version"]!.GetValue<int>().ShouldBe(updated["version"]!.GetValue<int>());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task Saving_a_draft_over_a_stale_version_is_refused(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var created = await api.OkAsync(HttpMethod.Post, "/api/v1/graphs", new { key = "drafty", name = "Drafty" });
        var revision = created["draftRevision"]!.GetValue<int>();
        var saved = await api.OkAsync(HttpMethod.Put, "/api/v1/graphs/drafty/draft", new { Fixtures.OneTask().Nodes, Fixtures.OneTask().Edges, version = revision });

        using var stale = await api.SendAsync(HttpMethod.Put, "/api/v1/graphs/drafty/draft",
            new { Fixtures.OneTask("other").Nodes, Fixtures.OneTask("other").Edges, version = revision });

        await ShouldBeProblemAsync(stale, HttpStatusCode.Conflict, "stale_version");
        var graph = await api.OkAsync(HttpMethod.Get, "/api/v1/graphs/drafty");
        graph["draftRevision"]!.GetValue<int>().ShouldBe(saved["draftRevision"]!.GetValue<int>());
        graph["draft"]!["nodes"]![1]!["capability"]!.GetValue<string>().ShouldBe("craft");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task Publishing_an_invalid_draft_answers_every_error(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var broken = new GraphDefinition
        {
            Nodes =
            [
                new() { Key = "start", Type = NodeType.Start },
                new() { Key = "work", Type = NodeType.Task },
                new() { Key = "end", Type = NodeType.End },
            ],
            Edges = [new() { From = "start", To = "work" }, new() { From = "work", To = "nowhere" }],
        };
        (await api.PostAsync("/api/v1/graphs", new { key = "broken", name = "Broken", draft = broken })).StatusCode.ShouldBe(HttpStatusCode.Created);

        using var response = await api.PostAsync("/api/v1/graphs/broken/publish");

        var problem = await ShouldBeProblemAsync(response, HttpStatusCode.UnprocessableEntity, "graph_invalid");
        var errors = problem["errors"]!.AsArray();
        errors.Count.ShouldBeGreaterThanOrEqualTo(2);
        errors.ShouldAllBe(e => !string.IsNullOrEmpty(e!["code"]!.GetValue<string>()) && !string.IsNullOrEmpty(e["message"]!.GetValue<string>()));
        var graph = await api.OkAsync(HttpMethod.Get, "/api/v1/graphs/broken");
        graph["latestVersion"]!.GetValue<int>().ShouldBe(0);
        graph["versions"]!.AsArray().ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task An_unknown_route_answers_not_found_as_problem_details(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);

        foreach (var url in new[] { "/api/v1/nothing-here", "/api/v2/jobs", "/api/v1/jobs/not-a-number" })
        {
            using var response = await api.GetAsync(url);
            await ShouldBeProblemAsync(response, HttpStatusCode.NotFound, "not_found");
        }
    }

    private static async Task<JsonNode> ShouldBeProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, text);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = JsonNode.Parse(text)!;
        problem["code"]!.GetValue<string>().ShouldBe(code);
        problem["status"]!.GetValue<int>().ShouldBe((int)status);
        return problem;
    }

    private static async Task PublishAsync(WeftApi api, string key)
    {
        (await api.PostAsync("/api/v1/graphs", new { key, name = key, draft = Fixtures.OneTask() })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await api.PostAsync($"/api/v1/graphs/{key}/publish")).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [GeneratedRegex(@"^[a-z_]+(\{[a-z]+=""[^""]*""(,[a-z]+=""[^""]*"")*\})? -?[0-9.eE+-]+$")]
    private static partial Regex MetricLine();

    [GeneratedRegex(@":[^}]+\}")]
    private static partial Regex Constraint();
}
