using System.Text.Json;
using Weft.Flow.Contracts;
using Weft.Flow.Definitions;
using Weft.Flow.Persistence;

namespace Weft.Flow.Runtime;

internal static class FlowMapping
{
    public static TokenDto ToDto(TokenRecord t) => new(
        t.Id, t.JobId, t.Serial, t.Generation, t.GraphVersion, t.NodeKey, t.State, t.ParentTokenId,
        t.ReplacesTokenId, t.ReplacedByTokenId, t.CancelReason, t.CreatedAt, t.ArrivedAt, t.EndedAt);

    public static WorkItemDto ToDto(WorkItemRecord w) => new(
        w.Id, w.JobId, w.TokenId, w.GraphKey, w.GraphVersion, w.NodeKey, w.Operator, w.Capability, w.Level,
        w.Assignment, w.State, w.AgentKey, w.Priority, w.DueAt, w.CreatedAt, w.AssignedAt, w.StartedAt,
        Math.Round(w.WorkSeconds, 3), w.Outcome, w.ResultJson is null ? null : FlowData.ParseObject(w.ResultJson), w.Note, w.Version, w.EndedAt, w.RunningSince,
        WorkRequirements.Read(w.RequiredCapabilities), WorkRequirements.Read(w.PreferredCapabilities));

    public static JobDto ToDto(JobRecord j) => new(
        j.Id, j.GraphKey, j.GraphVersion, j.Reference, j.Quantity, j.Priority, j.DueAt, FlowData.ParseObject(j.DataJson),
        j.State, j.CreatedAt, j.CompletedAt, j.Version);

    public static AgentDto ToDto(AgentRecord a, int load) => new(
        a.Key, a.Name, a.Kind, AgentCapabilities.Of(a), a.WipLimit, a.Status, load, a.Version, a.CreatedAt, a.UpdatedAt, a.Tier, a.Description);

    public static EventDto ToDto(EventRecord e) => new(
        e.Id, e.Type, e.At, e.Actor, e.GraphKey, e.GraphVersion, e.JobId, e.TokenId, e.WorkItemId, e.NodeKey,
        e.DataJson is null ? null : FlowData.ParseObject(e.DataJson));

    public static InboxEntryDto ToDto(InboxRecord i) => new(
        i.Id, i.Reason, i.Message, i.WorkItemId, i.JobId, i.AgentKey, i.State, i.Resolution, i.ResolvedBy, i.CreatedAt, i.ResolvedAt);

    public static GraphSummary ToSummary(GraphRecord g) => new(g.Key, g.Name, g.LatestVersion, g.DraftRevision, g.CreatedAt, g.UpdatedAt);

    public static GraphDefinition Definition(string json) =>
        JsonSerializer.Deserialize<GraphDefinition>(json, FlowRuntime.Json) ?? new GraphDefinition();

    public static string Json(GraphDefinition d) => JsonSerializer.Serialize(d, FlowRuntime.Json);
}
