using System.Text.Json.Nodes;
using Weft.Flow.Contracts;
using Weft.Flow.Definitions;
using Weft.Testing;
using Weft.Platform.Errors;

namespace Weft.Flow.Tests.Scenarios;

/// <summary>Small steps that scenario tests repeat: publish a graph, register agents, start jobs, do work.</summary>
internal static class ScenarioKit
{
    public static readonly CommandContext Manager = new("manager");

    public static async Task<GraphVersionDto> PublishAsync(this FlowTestHost host, string key, GraphDefinition graph)
    {
        await host.Engine.Graphs.CreateGraphAsync(Manager, new CreateGraphRequest(key, key, graph));
        return await host.Engine.Graphs.PublishAsync(Manager, key, new PublishRequest(null));
    }

    public static async Task<GraphVersionDto> PublishNextAsync(this FlowTestHost host, string key, GraphDefinition graph)
    {
        await host.Engine.Graphs.SaveDraftAsync(Manager, key, new SaveDraftRequest(null, graph.Nodes, graph.Edges, null, graph.Fields));
        return await host.Engine.Graphs.PublishAsync(Manager, key, new PublishRequest(null));
    }

    public static Task<AgentDto> AgentAsync(this FlowTestHost host, string key, params string[] capabilities) =>
        host.Engine.Agents.RegisterAgentAsync(Manager, new RegisterAgentRequest(key, key, "person",
            capabilities.Select(c => new CapabilityDto(c)).ToList(), 10, AgentStatuses.Available));

    public static Task<AgentDto> AgentAsync(this FlowTestHost host, string key, int wipLimit, params CapabilityDto[] capabilities) =>
        host.Engine.Agents.RegisterAgentAsync(Manager, new RegisterAgentRequest(key, key, "person", capabilities, wipLimit, AgentStatuses.Available));

    public static Task<JobDto> JobAsync(this FlowTestHost host, string graph, int quantity = 1, JsonObject? data = null) =>
        host.Engine.Jobs.StartJobAsync(Manager, new StartJobRequest(graph, null, quantity, "REF-" + graph, 0, null, data));

    public static async Task<IReadOnlyList<WorkItemDto>> ItemsAsync(this FlowTestHost host, long job, string? node = null, string? state = null) =>
        (await host.Engine.Work.ListWorkItemsAsync(new WorkItemFilter(state, null, null, node, job), FlowEngine.MaxPageSize, null)).Items;

    /// <summary>The one open work item of a token (the token rests at a single-operator node).</summary>
    public static async Task<WorkItemDto> OpenItemAsync(this FlowTestHost host, long job, long token)
    {
        var items = await host.ItemsAsync(job);
        return items.Single(i => i.TokenId == token && WorkItemStates.Open.Contains(i.State));
    }

    public static async Task<TokenDto> TokenAsync(this FlowTestHost host, long job, long token) =>
        (await host.Engine.Jobs.GetTokensAsync(job)).Single(t => t.Id == token);

    /// <summary>Every event of a job, oldest first, read page by page.</summary>
    public static async Task<IReadOnlyList<EventDto>> EventsAsync(this FlowTestHost host, long job)
    {
        var all = new List<EventDto>();
        string? cursor = null;
        do
        {
            var page = await host.Engine.Jobs.GetJobEventsAsync(job, FlowEngine.MaxPageSize, cursor);
            all.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return all;
    }

    /// <summary>Claim, start and complete one work item as the given agent.</summary>
    public static async Task<WorkItemDto> DoAsync(this FlowTestHost host, string agent, long item, string? outcome = null,
        JsonObject? data = null, TimeSpan? work = null)
    {
        var ctx = new CommandContext(agent);
        await host.Engine.Work.ClaimAsync(ctx, item);
        await host.Engine.Work.StartAsync(ctx, item);
        if (work is { } w) host.Clock.Advance(w);
        return await host.Engine.Work.CompleteAsync(ctx, item, outcome, data);
    }

    /// <summary>Does the open work item at each node in turn for the token, as the given agent.</summary>
    public static async Task WalkAsync(this FlowTestHost host, string agent, long job, long token, params (string Node, string? Outcome)[] steps)
    {
        foreach (var (node, outcome) in steps)
        {
            var item = await host.OpenItemAsync(job, token);
            item.Node.ShouldBe(node);
            await host.DoAsync(agent, item.Id, outcome);
        }
    }

    /// <summary>Runs a command that must be refused, and checks how.</summary>
    public static async Task<WeftException> RefusedAsync(Func<Task> command, ErrorKind kind, string code)
    {
        var ex = await Should.ThrowAsync<WeftException>(command);
        ex.Kind.ShouldBe(kind, ex.Message);
        ex.Code.ShouldBe(code, ex.Message);
        return ex;
    }
}
