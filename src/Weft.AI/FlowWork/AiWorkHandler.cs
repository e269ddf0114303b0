using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Weft.AI.Patterns;
using Weft.AI.Runs;
using Weft.Flow;
using Weft.Flow.Automation;

namespace Weft.AI.FlowWork;

/// <summary>
/// Does the work items of AI agents: the agent runs on the node's instructions and the token's data, with its persona
/// (whose variables read the token's data), knowledge and model chain, and its answer completes the item. A node that
/// declares an output schema gets a structured answer held to it, which becomes the token's data (its <c>outcome</c>, if
/// any, picks the edge); every answer is also kept under the node's key (<c>answer</c>, <c>run</c>, <c>model</c>,
/// <c>cost</c>) for a person reviewing it next. A run that fails (no model answered, budget spent, an answer the schema
/// refuses) throws, and the engine retries it with backoff and then sends it to the manager inbox.
/// </summary>
internal sealed class AiWorkHandler(AgentRuns runs, FlowEngines engines, AiDb ai) : IAgentHandler
{
    public async Task<AgentResult> HandleAsync(AgentWork work, CancellationToken ct)
    {
        var graph = await engines.For(work.Tenant).Graphs.GetVersionAsync(work.Graph, work.GraphVersion, ct);
        var node = graph.Definition.Node(work.Node) ?? throw new InvalidOperationException($"Node '{work.Node}' is not in {work.Graph} v{work.GraphVersion}.");
        await PatternBudget.CheckAsync(ai, work.Tenant, work.Graph, work.Data, ct);
        var query = node.KnowledgeQueryField is { } field && work.Data[field] is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;
        var request = new RunRequest(Input(node.Name ?? node.Key, node.Instructions, node.OutputSchema, work.Data), work.Data, Query: query);
        var prepared = await runs.PrepareAsync(work.Tenant, $"flow:{work.JobReference}/{work.Node}", work.Agent, request, [], ct);
        if (node.OutputSchema is { } schema)
            prepared.Options.ResponseFormat = ChatResponseFormat.ForJsonSchema(JsonSerializer.SerializeToElement(schema), "output", "The task's result.");
        var run = await runs.CompleteAsync(prepared, null, ct);
        var record = new JsonObject
        {
            ["answer"] = run.Output, ["run"] = run.Id, ["model"] = run.AnsweredBy, ["cost"] = run.Cost,
        };
        // What the answer cites travels with it, for whoever shows the answer next (a person, a customer's chat).
        if (run.Sources is { Count: > 0 } sources)
            record["sources"] = new JsonArray(sources.Where(s => s.Cited).Select(s => (JsonNode)new JsonObject
            {
                ["rank"] = s.Rank, ["document"] = s.DocumentName, ["heading"] = s.Heading, ["base"] = s.Base,
                ["excerpt"] = s.Text.Length <= 300 ? s.Text : s.Text[..297] + "...",
            }).ToArray());
        if (node.OutputSchema is null) return new AgentResult(Data: new JsonObject { [work.Node] = record });
        var (output, problem) = StructuredOutput.Read(run.Output, node.OutputSchema);
        if (output is null) throw new InvalidOperationException($"Run {run.Id} of '{work.Agent}': {problem}.");
        var outcome = output["outcome"] is JsonValue ov && ov.TryGetValue<string>(out var o) ? o : null;
        var data = new JsonObject { [work.Node] = record };
        foreach (var (key, value) in output)
            if (key != work.Node) data[key] = value?.DeepClone();
        return new AgentResult(outcome, data);
    }

    /// <summary>What the agent is asked: the task, its instructions, the token's data, and the shape of the answer if one is required.</summary>
    internal static string Input(string task, string? instructions, JsonObject? schema, JsonObject data)
    {
        var text = new StringBuilder().Append("Task: ").AppendLine(task);
        if (!string.IsNullOrWhiteSpace(instructions)) text.AppendLine().AppendLine(instructions.Trim());
        text.AppendLine().AppendLine("Data:").AppendLine(data.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        if (schema is not null)
            text.AppendLine().AppendLine("Answer with one JSON object only, matching this JSON schema:").AppendLine(schema.ToJsonString());
        var input = text.ToString();
        // Cut data would mislead the model: such an item goes to the manager instead, with the reason.
        return input.Length <= AgentRuns.MaxInput ? input
            : throw new InvalidOperationException($"The task's instructions and data take {input.Length:N0} characters; an AI agent is given at most {AgentRuns.MaxInput:N0}.");
    }
}
