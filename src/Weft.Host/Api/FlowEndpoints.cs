using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Weft.Flow;
using Weft.Flow.Contracts;
using Weft.Flow.Definitions;
using Weft.Host.Security;

namespace Weft.Host.Api;

public sealed record WorkItemCommandBody(string? Agent, string? Reason, string? Outcome, JsonObject? Data, string? To, string? Note, int? Version);

internal static class FlowEndpoints
{
    public static IEndpointRouteBuilder MapWeftFlow(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1");

        var graphs = api.MapGroup("/graphs").WithTags("Graphs");
        graphs.MapGet("", (FlowEngine e, int? limit, string? cursor, CancellationToken ct) => e.ListGraphsAsync(limit, cursor, ct))
            .RequireAuthorization(Permissions.FlowRead);
        graphs.MapPost("", async (FlowEngine e, HttpContext http, CreateGraphRequest body, CancellationToken ct) =>
        {
            var g = await e.CreateGraphAsync(CommandContexts.For(http), body, ct);
            return TypedResults.Created($"/api/v1/graphs/{g.Key}", g);
        }).RequireAuthorization(Permissions.FlowManage);
        graphs.MapGet("/{key}", (FlowEngine e, string key, CancellationToken ct) => e.GetGraphAsync(key, ct))
            .RequireAuthorization(Permissions.FlowRead);
        graphs.MapPut("/{key}/draft", (FlowEngine e, HttpContext http, string key, SaveDraftRequest body, CancellationToken ct) =>
            e.SaveDraftAsync(CommandContexts.For(http), key, body, ct))
            .RequireAuthorization(Permissions.FlowManage);
        graphs.MapPost("/{key}/validate", (FlowEngine e, string key, CancellationToken ct) => e.ValidateDraftAsync(key, ct))
            .RequireAuthorization(Permissions.FlowManage);
        graphs.MapPost("/{key}/publish", async (FlowEngine e, HttpContext http, string key, [FromBody] PublishRequest? body, CancellationToken ct) =>
        {
            var v = await e.PublishAsync(CommandContexts.For(http), key, body ?? new PublishRequest(null), ct);
            return TypedResults.Created($"/api/v1/graphs/{key}/versions/{v.Number}", v);
        }).RequireAuthorization(Permissions.FlowManage);
        graphs.MapGet("/{key}/versions/{n:int}", (FlowEngine e, string key, int n, CancellationToken ct) => e.GetVersionAsync(key, n, ct))
            .RequireAuthorization(Permissions.FlowRead);
        graphs.MapGet("/{key}/versions/{n:int}/stats", (FlowEngine e, string key, int n, CancellationToken ct) => e.GetStatisticsAsync(key, n, ct))
            .RequireAuthorization(Permissions.FlowRead);

        var jobs = api.MapGroup("/jobs").WithTags("Jobs");
        jobs.MapGet("", (FlowEngine e, string? graph, string? state, int? limit, string? cursor, CancellationToken ct) =>
            e.ListJobsAsync(graph, state, limit, cursor, ct))
            .RequireAuthorization(Permissions.FlowRead);
        jobs.MapPost("", async (FlowEngine e, HttpContext http, StartJobRequest body, CancellationToken ct) =>
        {
            var job = await e.StartJobAsync(CommandContexts.For(http), body, ct);
            return TypedResults.Created($"/api/v1/jobs/{job.Id}", job);
        }).RequireAuthorization(Permissions.FlowManage);
        jobs.MapGet("/{id:long}", (FlowEngine e, long id, CancellationToken ct) => e.GetJobAsync(id, ct))
            .RequireAuthorization(Permissions.FlowRead);
        jobs.MapGet("/{id:long}/tokens", (FlowEngine e, long id, CancellationToken ct) => e.GetTokensAsync(id, ct))
            .RequireAuthorization(Permissions.FlowRead);
        jobs.MapGet("/{id:long}/events", (FlowEngine e, long id, int? limit, string? cursor, CancellationToken ct) =>
            e.GetJobEventsAsync(id, limit, cursor, ct))
            .RequireAuthorization(Permissions.FlowRead);

        var tokens = api.MapGroup("/tokens").WithTags("Tokens");
        tokens.MapPost("/{id:long}/cancel", (FlowEngine e, HttpContext http, long id, CancelOneBody body, CancellationToken ct) =>
            e.CancelTokensAsync(CommandContexts.For(http), new CancelTokensRequest([id], body.Reason, body.RestartAt), ct))
            .RequireAuthorization(Permissions.FlowManage);
        tokens.MapPost("/cancel", (FlowEngine e, HttpContext http, CancelTokensRequest body, CancellationToken ct) =>
            e.CancelTokensAsync(CommandContexts.For(http), body, ct))
            .RequireAuthorization(Permissions.FlowManage);

        var items = api.MapGroup("/work-items").WithTags("Work items");
        items.MapGet("", (FlowEngine e, string? state, string? capability, string? agent, string? node, long? job, int? limit, string? cursor, CancellationToken ct) =>
            e.ListWorkItemsAsync(new WorkItemFilter(state, capability, agent, node, job), limit, cursor, ct))
            .RequireAuthorization(Permissions.FlowRead);
        items.MapGet("/{id:long}", (FlowEngine e, long id, CancellationToken ct) => e.GetWorkItemAsync(id, ct))
            .RequireAuthorization(Permissions.FlowRead);
        items.MapPost("/{id:long}/claim", (FlowEngine e, HttpContext http, long id, WorkItemCommandBody body, CancellationToken ct) =>
            e.ClaimAsync(CommandContexts.ForAgent(http, body.Agent, body.Version), id, ct))
            .RequireAuthorization(Permissions.FlowWork);
        items.MapPost("/{id:long}/start", (FlowEngine e, HttpContext http, long id, WorkItemCommandBody body, CancellationToken ct) =>
            e.StartAsync(CommandContexts.ForAgent(http, body.Agent, body.Version), id, ct))
            .RequireAuthorization(Permissions.FlowWork);
        items.MapPost("/{id:long}/pause", (FlowEngine e, HttpContext http, long id, WorkItemCommandBody body, CancellationToken ct) =>
            e.PauseAsync(CommandContexts.ForAgent(http, body.Agent, body.Version), id, body.Reason, ct))
            .RequireAuthorization(Permissions.FlowWork);
        items.MapPost("/{id:long}/resume", (FlowEngine e, HttpContext http, long id, WorkItemCommandBody body, CancellationToken ct) =>
            e.ResumeAsync(CommandContexts.ForAgent(http, body.Agent, body.Version), id, ct))
            .RequireAuthorization(Permissions.FlowWork);
        items.MapPost("/{id:long}/complete", (FlowEngine e, HttpContext http, long id, WorkItemCommandBody body, CancellationToken ct) =>
            e.CompleteAsync(CommandContexts.ForAgent(http, body.Agent, body.Version), id, body.Outcome, body.Data, ct))
            .RequireAuthorization(Permissions.FlowWork);
        items.MapPost("/{id:long}/handoff", (FlowEngine e, HttpContext http, long id, WorkItemCommandBody body, CancellationToken ct) =>
            e.HandoffAsync(CommandContexts.ForAgent(http, body.Agent, body.Version), id, body.To, body.Note, ct))
            .RequireAuthorization(Permissions.FlowWork);
        items.MapPost("/{id:long}/requeue", (FlowEngine e, HttpContext http, long id, WorkItemCommandBody body, CancellationToken ct) =>
            e.RequeueAsync(CommandContexts.ForAgent(http, body.Agent, body.Version), id, body.Note, ct))
            .RequireAuthorization(Permissions.FlowWork);

        var agents = api.MapGroup("/agents").WithTags("Agents");
        agents.MapGet("", (FlowEngine e, int? limit, string? cursor, CancellationToken ct) => e.ListAgentsAsync(limit, cursor, ct))
            .RequireAuthorization(Permissions.FlowRead);
        agents.MapPost("", async (FlowEngine e, HttpContext http, RegisterAgentRequest body, CancellationToken ct) =>
        {
            var a = await e.RegisterAgentAsync(CommandContexts.For(http), body, ct);
            return TypedResults.Created($"/api/v1/agents/{a.Key}", a);
        }).RequireAuthorization(Permissions.FlowManage);
        agents.MapGet("/{key}", (FlowEngine e, string key, CancellationToken ct) => e.GetAgentAsync(key, ct))
            .RequireAuthorization(Permissions.FlowRead);
        agents.MapPatch("/{key}", (FlowEngine e, HttpContext http, string key, UpdateAgentRequest body, CancellationToken ct) =>
            e.UpdateAgentAsync(CommandContexts.For(http), key, body, ct))
            .RequireAuthorization(Permissions.FlowManage);
        agents.MapGet("/{key}/queue", (FlowEngine e, string key, CancellationToken ct) => e.GetAgentQueueAsync(key, ct))
            .RequireAuthorization(Permissions.FlowRead);

        var inbox = api.MapGroup("/inbox").WithTags("Inbox");
        inbox.MapGet("", (FlowEngine e, string? state, int? limit, string? cursor, CancellationToken ct) => e.ListInboxAsync(state, limit, cursor, ct))
            .RequireAuthorization(Permissions.FlowRead);
        inbox.MapPost("/{id:long}/resolve", (FlowEngine e, HttpContext http, long id, ResolveInboxRequest body, CancellationToken ct) =>
            e.ResolveInboxAsync(CommandContexts.For(http), id, body, ct))
            .RequireAuthorization(Permissions.FlowManage);

        return app;
    }
}

public sealed record CancelOneBody(string? Reason, string? RestartAt);
