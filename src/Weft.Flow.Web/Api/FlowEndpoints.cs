using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Weft.Flow;
using Weft.Flow.Contracts;
using Weft.Flow.Definitions;
using Weft.Platform.Errors;

namespace Weft.Flow.Web.Api;

public sealed record WorkItemCommandBody(string? Agent, string? Reason, string? Outcome, JsonObject? Data, string? To, string? Note, int? Version);

internal static class FlowEndpoints
{
    public static IEndpointRouteBuilder MapWeftFlow(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1");

        var graphs = api.MapGroup("/graphs").WithTags("Graphs");
        graphs.MapGet("", (FlowEngine e, int? limit, string? cursor, CancellationToken ct) => e.Graphs.ListGraphsAsync(limit, cursor, ct))
            .RequireAuthorization(FlowPermissions.Read);
        graphs.MapPost("", async (FlowEngine e, HttpContext http, CreateGraphRequest body, CancellationToken ct) =>
        {
            var g = await e.Graphs.CreateGraphAsync(CommandContexts.For(http), body, ct);
            return TypedResults.Created($"/api/v1/graphs/{g.Key}", g);
        }).RequireAuthorization(FlowPermissions.Manage);
        graphs.MapGet("/{key}", (FlowEngine e, string key, CancellationToken ct) => e.Graphs.GetGraphAsync(key, ct))
            .RequireAuthorization(FlowPermissions.Read);
        graphs.MapPut("/{key}/draft", (FlowEngine e, HttpContext http, string key, SaveDraftRequest body, CancellationToken ct) =>
            e.Graphs.SaveDraftAsync(CommandContexts.For(http), key, body, ct))
            .RequireAuthorization(FlowPermissions.Manage);
        graphs.MapPost("/{key}/validate", (FlowEngine e, string key, CancellationToken ct) => e.Graphs.ValidateDraftAsync(key, ct))
            .RequireAuthorization(FlowPermissions.Manage);
        graphs.MapPost("/{key}/publish", async (FlowEngine e, HttpContext http, string key, [FromBody] PublishRequest? body, CancellationToken ct) =>
        {
            var v = await e.Graphs.PublishAsync(CommandContexts.For(http), key, body ?? new PublishRequest(null), ct);
            return TypedResults.Created($"/api/v1/graphs/{key}/versions/{v.Number}", v);
        }).RequireAuthorization(FlowPermissions.Manage);
        graphs.MapGet("/{key}/versions/{n:int}", (FlowEngine e, string key, int n, CancellationToken ct) => e.Graphs.GetVersionAsync(key, n, ct))
            .RequireAuthorization(FlowPermissions.Read);
        graphs.MapGet("/{key}/versions/{n:int}/stats", (FlowEngine e, string key, int n, CancellationToken ct) => e.Graphs.GetStatisticsAsync(key, n, ct))
            .RequireAuthorization(FlowPermissions.Read);

        // The designer's presets: the modules' built-in steps, and the steps managers saved.
        var presets = api.MapGroup("/node-presets").WithTags("Graphs");
        presets.MapGet("", async (FlowEngine e, IEnumerable<INodePresetSource> sources, CancellationToken ct) =>
            new NodePresetsDto(sources.SelectMany(source => source.Presets).ToList(), await e.Graphs.ListSavedPresetsAsync(ct)))
            .RequireAuthorization(FlowPermissions.Read);
        presets.MapPut("/{key}", (FlowEngine e, HttpContext http, string key, SavePresetRequest body, CancellationToken ct) =>
            e.Graphs.SavePresetAsync(CommandContexts.For(http), key, body, ct))
            .RequireAuthorization(FlowPermissions.Manage);
        presets.MapDelete("/{key}", (FlowEngine e, HttpContext http, string key, CancellationToken ct) =>
            e.Graphs.DeletePresetAsync(CommandContexts.For(http), key, ct))
            .RequireAuthorization(FlowPermissions.Manage);

        var jobs = api.MapGroup("/jobs").WithTags("Jobs");
        jobs.MapGet("", (FlowEngine e, string? graph, string? state, int? limit, string? cursor, CancellationToken ct) =>
            e.Jobs.ListJobsAsync(graph, state, limit, cursor, ct))
            .RequireAuthorization(FlowPermissions.Read);
        jobs.MapPost("", async (FlowEngine e, HttpContext http, StartJobRequest body, CancellationToken ct) =>
        {
            var job = await e.Jobs.StartJobAsync(CommandContexts.For(http), body, ct);
            return TypedResults.Created($"/api/v1/jobs/{job.Id}", job);
        }).RequireAuthorization(FlowPermissions.Manage);
        jobs.MapGet("/{id:long}", (FlowEngine e, long id, CancellationToken ct) => e.Jobs.GetJobAsync(id, ct))
            .RequireAuthorization(FlowPermissions.Read);
        jobs.MapPost("/{id:long}/replan", (FlowEngine e, HttpContext http, long id, ReplanJobRequest body, CancellationToken ct) =>
            e.Jobs.ReplanJobAsync(CommandContexts.For(http), id, body, ct))
            .RequireAuthorization(FlowPermissions.Manage);
        jobs.MapGet("/{id:long}/tokens", (FlowEngine e, long id, CancellationToken ct) => e.Jobs.GetTokensAsync(id, ct))
            .RequireAuthorization(FlowPermissions.Read);
        jobs.MapGet("/{id:long}/events", (FlowEngine e, long id, int? limit, string? cursor, CancellationToken ct) =>
            e.Jobs.GetJobEventsAsync(id, limit, cursor, ct))
            .RequireAuthorization(FlowPermissions.Read);

        var tokens = api.MapGroup("/tokens").WithTags("Tokens");
        tokens.MapPost("/{id:long}/cancel", (FlowEngine e, HttpContext http, long id, CancelOneBody body, CancellationToken ct) =>
            e.Jobs.CancelTokensAsync(CommandContexts.For(http), new CancelTokensRequest([id], body.Reason, body.RestartAt), ct))
            .RequireAuthorization(FlowPermissions.Manage);
        tokens.MapPost("/cancel", (FlowEngine e, HttpContext http, CancelTokensRequest body, CancellationToken ct) =>
            e.Jobs.CancelTokensAsync(CommandContexts.For(http), body, ct))
            .RequireAuthorization(FlowPermissions.Manage);

        var items = api.MapGroup("/work-items").WithTags("Work items");
        items.MapGet("", (FlowEngine e, string? state, string? capability, string? agent, string? node, long? job, int? limit, string? cursor, CancellationToken ct) =>
            e.Work.ListWorkItemsAsync(new WorkItemFilter(state, capability, agent, node, job), limit, cursor, ct))
            .RequireAuthorization(FlowPermissions.Read);
        items.MapGet("/{id:long}", (FlowEngine e, long id, CancellationToken ct) => e.Work.GetWorkItemAsync(id, ct))
            .RequireAuthorization(FlowPermissions.Read);
        items.MapPost("/{id:long}/claim", (FlowEngine e, HttpContext http, long id, WorkItemCommandBody body, CancellationToken ct) =>
            e.Work.ClaimAsync(CommandContexts.ForAgent(http, body.Agent, body.Version), id, ct))
            .RequireAuthorization(FlowPermissions.Work);
        items.MapPost("/{id:long}/start", (FlowEngine e, HttpContext http, long id, WorkItemCommandBody body, CancellationToken ct) =>
            e.Work.StartAsync(CommandContexts.ForAgent(http, body.Agent, body.Version), id, ct))
            .RequireAuthorization(FlowPermissions.Work);
        items.MapPost("/{id:long}/pause", (FlowEngine e, HttpContext http, long id, WorkItemCommandBody body, CancellationToken ct) =>
            e.Work.PauseAsync(CommandContexts.ForAgent(http, body.Agent, body.Version), id, body.Reason, ct))
            .RequireAuthorization(FlowPermissions.Work);
        items.MapPost("/{id:long}/resume", (FlowEngine e, HttpContext http, long id, WorkItemCommandBody body, CancellationToken ct) =>
            e.Work.ResumeAsync(CommandContexts.ForAgent(http, body.Agent, body.Version), id, ct))
            .RequireAuthorization(FlowPermissions.Work);
        items.MapPost("/{id:long}/complete", (FlowEngine e, HttpContext http, long id, WorkItemCommandBody body, CancellationToken ct) =>
            e.Work.CompleteAsync(CommandContexts.ForAgent(http, body.Agent, body.Version), id, body.Outcome, body.Data, body.Note, ct))
            .RequireAuthorization(FlowPermissions.Work);
        items.MapPost("/{id:long}/handoff", (FlowEngine e, HttpContext http, long id, WorkItemCommandBody body, CancellationToken ct) =>
            e.Work.HandoffAsync(CommandContexts.ForAgent(http, body.Agent, body.Version), id, body.To, body.Note, ct))
            .RequireAuthorization(FlowPermissions.Work);
        items.MapPost("/{id:long}/requeue", (FlowEngine e, HttpContext http, long id, WorkItemCommandBody body, CancellationToken ct) =>
            e.Work.RequeueAsync(CommandContexts.ForAgent(http, body.Agent, body.Version), id, body.Note, ct))
            .RequireAuthorization(FlowPermissions.Work);
        // A manager's commands on anyone's work: give it to someone, or take it back into the pool.
        // They name the version of the item the manager saw: work someone holds is not taken on an old picture of it.
        items.MapPost("/{id:long}/assign", (FlowEngine e, HttpContext http, long id, ManagerItemBody body, CancellationToken ct) =>
            e.Work.AssignAsync(CommandContexts.For(http) with { ExpectedVersion = body.SeenVersion() }, id, body.Agent, body.Note, ct))
            .RequireAuthorization(FlowPermissions.Manage);
        // A manager changes what the work asks of its agent besides its capability (a team, a language): see RouteWorkItemRequest.
        items.MapPost("/{id:long}/route", (FlowEngine e, HttpContext http, long id, RouteWorkItemRequest body, CancellationToken ct) =>
            e.Work.RouteAsync(CommandContexts.For(http), id, body, ct))
            .RequireAuthorization(FlowPermissions.Manage);
        items.MapPost("/{id:long}/unassign", (FlowEngine e, HttpContext http, long id, ManagerItemBody body, CancellationToken ct) =>
            e.Work.UnassignAsync(CommandContexts.For(http) with { ExpectedVersion = body.SeenVersion() }, id, body.Note, body.Capability, ct))
            .RequireAuthorization(FlowPermissions.Manage);

        var agents = api.MapGroup("/agents").WithTags("Agents");
        agents.MapGet("", (FlowEngine e, int? limit, string? cursor, string? tier, CancellationToken ct) => e.Agents.ListAgentsAsync(limit, cursor, tier, ct))
            .RequireAuthorization(FlowPermissions.Read);
        agents.MapPost("", async (FlowEngine e, HttpContext http, RegisterAgentRequest body, CancellationToken ct) =>
        {
            var a = await e.Agents.RegisterAgentAsync(CommandContexts.For(http), body, ct);
            return TypedResults.Created($"/api/v1/agents/{a.Key}", a);
        }).RequireAuthorization(FlowPermissions.Manage);
        agents.MapGet("/{key}", (FlowEngine e, string key, CancellationToken ct) => e.Agents.GetAgentAsync(key, ct))
            .RequireAuthorization(FlowPermissions.Read);
        agents.MapPatch("/{key}", (FlowEngine e, HttpContext http, string key, UpdateAgentRequest body, CancellationToken ct) =>
            e.Agents.UpdateAgentAsync(CommandContexts.For(http), key, body, ct))
            .RequireAuthorization(FlowPermissions.Manage);
        agents.MapGet("/{key}/queue", (FlowEngine e, string key, CancellationToken ct) => e.Agents.GetAgentQueueAsync(key, ct))
            .RequireAuthorization(FlowPermissions.Read);

        api.MapPost("/messages", (FlowEngine e, HttpContext http, SendMessageRequest body, CancellationToken ct) =>
            e.Jobs.SendMessageAsync(CommandContexts.For(http), body, ct))
            .WithTags("Messages").RequireAuthorization(FlowPermissions.Manage);

        var inbox = api.MapGroup("/inbox").WithTags("Inbox");
        inbox.MapGet("", (FlowEngine e, string? state, int? limit, string? cursor, CancellationToken ct) => e.Inbox.ListInboxAsync(state, limit, cursor, ct))
            .RequireAuthorization(FlowPermissions.Read);
        inbox.MapPost("/{id:long}/resolve", (FlowEngine e, HttpContext http, long id, ResolveInboxRequest body, CancellationToken ct) =>
            e.Inbox.ResolveInboxAsync(CommandContexts.For(http), id, body, ct))
            .RequireAuthorization(FlowPermissions.Manage);

        return app;
    }
}

/// <summary>The body of a manager's command on a work item: <c>version</c> (required) is the item's version the manager saw.</summary>
public sealed record ManagerItemBody(string? Agent, string? Note, string? Capability, int? Version)
{
    public int SeenVersion() => Version ?? throw WeftException.Invalid("validation_failed", "'version' is required: the version of the work item you saw.",
        new Dictionary<string, string[]> { ["version"] = ["Required: the version of the work item you saw."] });
}

/// <summary>The presets the routing designer offers: those the modules build in, and those managers saved.</summary>
public sealed record NodePresetsDto(IReadOnlyList<NodePreset> BuiltIn, IReadOnlyList<SavedNodePreset> Saved);

public sealed record CancelOneBody(string? Reason, string? RestartAt);
