using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Weft.AI.FlowWork;

/// <summary>Reads a model's structured answer and holds it to the node's JSON schema.</summary>
internal static class StructuredOutput
{
    /// <summary>The answer as a JSON object (a fenced ```json block is unwrapped), or why it is not one that the schema accepts.</summary>
    public static (JsonObject? Output, string? Problem) Read(string? answer, JsonObject schema)
    {
        var text = Unfenced(answer ?? "");
        JsonObject? output;
        try
        {
            output = JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException e)
        {
            return (null, $"the answer is not JSON ({e.Message})");
        }
        if (output is null) return (null, "the answer is not a JSON object");
        var evaluation = JsonSchema.FromText(schema.ToJsonString())
            .Evaluate(JsonSerializer.SerializeToElement(output), new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (evaluation.IsValid) return (output, null);
        var problems = (evaluation.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{(d.InstanceLocation.ToString() is { Length: > 0 } at ? at : "/")}: {e.Value}"))
            .Distinct().Take(10).ToList();
        return (null, $"the answer does not match the node's output schema: {string.Join("; ", problems)}");
    }

    private static string Unfenced(string text)
    {
        var t = text.Trim();
        if (!t.StartsWith("```", StringComparison.Ordinal)) return t;
        var firstLine = t.IndexOf('\n');
        var end = t.LastIndexOf("```", StringComparison.Ordinal);
        return firstLine < 0 || end <= firstLine ? t : t[(firstLine + 1)..end].Trim();
    }
}
