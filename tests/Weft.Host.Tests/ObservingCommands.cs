using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Weft.Flow;
using Weft.Flow.Automation;
using Weft.Host.Tests.Infrastructure;
using Weft.Platform.Web.Telemetry;
using Weft.Testing;

namespace Weft.Host.Tests;

/// <summary>
/// What an operator sees of the host's work through OpenTelemetry: one trace per command, from the HTTP
/// request through the engine command to its SQL, and Prometheus metrics on /metrics for callers with
/// the metrics permission: the work gauges, engine commands by outcome and automated executions per agent.
/// </summary>
public sealed class ObservingCommands
{
    private const string AspNetCore = "Microsoft.AspNetCore";
    private const string EntityFrameworkCore = "OpenTelemetry.Instrumentation.EntityFrameworkCore";

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_command_is_one_trace_from_the_http_request_through_the_engine_to_its_sql(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        await PublishAsync(api, "traced", Fixtures.OneTask());
        var trace = ActivityTraceId.CreateRandom();
        var caller = ActivitySpanId.CreateRandom();
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is AspNetCore or FlowTelemetry.Name || s.Name.StartsWith(EntityFrameworkCore, StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> o) =>
                o.Parent.TraceId == trace ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.None,
            ActivityStopped = a =>
            {
                if (a.TraceId == trace) spans.Enqueue(a);
            },
        };
        ActivitySource.AddActivityListener(listener);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/jobs")
        {
            Content = JsonContent.Create(new { graph = "traced", quantity = 2, reference = "T-1" }),
        };
        request.Headers.Add("traceparent", $"00-{trace}-{caller}-01");
        using var response = await api.Client.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());

        // The server span ends as the response completes, a moment after the client has it.
        var server = await EventuallyAsync(() => spans.SingleOrDefault(s => s.Source.Name == AspNetCore));
        server.Kind.ShouldBe(ActivityKind.Server);
        server.ParentSpanId.ShouldBe(caller);
        var all = spans.ToList();
        var command = all.Where(s => s.Source.Name == FlowTelemetry.Name).ShouldHaveSingleItem();
        command.DisplayName.ShouldBe("StartJob");
        command.ParentSpanId.ShouldBe(server.SpanId);
        command.GetTagItem("weft.outcome").ShouldBe("ok");
        var sql = all.Where(s => s.Source.Name.StartsWith(EntityFrameworkCore, StringComparison.Ordinal)).ToList();
        sql.Where(s => s.ParentSpanId == command.SpanId).ShouldNotBeEmpty("the command's statements are its children");
        var byId = all.ToDictionary(s => s.SpanId);
        foreach (var span in all.Where(s => s != server))
            byId.ContainsKey(span.ParentSpanId).ShouldBeTrue($"{span.Source.Name} {span.DisplayName}: its parent is in the trace");
        sql.Count(s => DescendsFrom(s, command, byId)).ShouldBeGreaterThanOrEqualTo(3, "the job, its tokens and work items are written");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Metrics_need_the_permission_and_show_work_commands_and_automated_executions(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        using (var anonymous = api.CreateClient())
            (await anonymous.GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var reader = (await api.OkAsync(HttpMethod.Post, "/api/v1/api-keys", new { name = "reader", scopes = new[] { "flow:read" } }))["key"]!
            .GetValue<string>();
        using (var withoutPermission = api.CreateClient("ApiKey " + reader))
            (await withoutPermission.GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        await PublishAsync(api, "made", Fixtures.OneTask());
        await api.OkAsync(HttpMethod.Post, "/api/v1/jobs", new { graph = "made", quantity = 2, reference = "M-1" });
        await api.OkAsync(HttpMethod.Post, "/api/v1/agents",
            new { key = "bot", name = "Bot", kind = "service", capabilities = new[] { new { name = "weft-noop" } }, wipLimit = 5 });
        await PublishAsync(api, "automated", Fixtures.OneTask("weft-noop", "auto"));
        await api.OkAsync(HttpMethod.Post, "/api/v1/jobs", new { graph = "automated", quantity = 1, reference = "A-1" });
        (await api.Services.GetRequiredService<AutomationRunner>().RunDueAsync(1)).ShouldBe(1);

        using var response = await api.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        text.ShouldContain("# TYPE weft_jobs gauge");
        text.ShouldContain("weft_jobs{state=\"active\"} 1\n");
        text.ShouldContain("weft_jobs{state=\"completed\"} 1\n");
        text.ShouldContain("weft_work_items{state=\"ready\"} 2\n");
        text.ShouldContain("weft_work_items{state=\"completed\"} 1\n");
        text.ShouldContain("# TYPE weft_flow_commands_total counter");
        text.ShouldContain("weft_flow_commands_total{command=\"StartJob\",outcome=\"ok\"} 2\n");
        text.ShouldContain("weft_flow_command_duration_seconds_count{command=\"StartJob\",outcome=\"ok\"} 2\n");
        text.ShouldContain("weft_flow_executions_started_total{agent=\"bot\"} 1\n");
        text.ShouldContain("weft_flow_executions_succeeded_total{agent=\"bot\"} 1\n");
        text.ShouldContain("weft_flow_execution_duration_seconds_count{agent=\"bot\",outcome=\"succeeded\"} 1\n");
        // Each caller sees its own tenant's series, so they carry no tenant label.
        text.ShouldNotContain("tenant=");
    }

    [Fact]
    public void A_scrape_keeps_the_callers_own_series_without_the_tenant_label_and_the_hosts_series()
    {
        const string text = """
            # TYPE weft_jobs gauge
            weft_jobs{state="active",tenant="1"} 3
            weft_jobs{state="active",tenant="12"} 5
            weft_runs_total{agent="a\",tenant=\"1",tenant="2"} 1
            weft_http_requests_total{method="GET",status="200"} 4
            weft_http_request_duration_seconds_sum{} 2.5

            """;
        CallerTenantScrape.OnlyTenant(text, "1").ShouldBe("""
            # TYPE weft_jobs gauge
            weft_jobs{state="active"} 3
            weft_http_requests_total{method="GET",status="200"} 4
            weft_http_request_duration_seconds_sum 2.5

            """);
        CallerTenantScrape.OnlyTenant(text, "2").ShouldContain("""
            weft_runs_total{agent="a\",tenant=\"1"} 1
            """);
    }

    private static async Task PublishAsync(WeftApi api, string key, Weft.Flow.Definitions.GraphDefinition draft)
    {
        await api.OkAsync(HttpMethod.Post, "/api/v1/graphs", new { key, name = key, draft });
        await api.OkAsync(HttpMethod.Post, $"/api/v1/graphs/{key}/publish");
    }

    private static bool DescendsFrom(Activity span, Activity ancestor, Dictionary<ActivitySpanId, Activity> byId)
    {
        for (var id = span.ParentSpanId; byId.TryGetValue(id, out var parent); id = parent.ParentSpanId)
        {
            if (parent == ancestor) return true;
        }
        return false;
    }

    /// <summary>What <paramref name="find"/> finds once it finds it (spans end a moment after the answer arrives).</summary>
    internal static async Task<T> EventuallyAsync<T>(Func<T?> find) where T : class
    {
        for (var i = 0; i < 100; i++)
        {
            if (find() is { } found) return found;
            await Task.Delay(50);
        }
        throw new ShouldAssertException("The span did not end within 5 seconds.");
    }
}
