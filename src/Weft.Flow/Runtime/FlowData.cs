using System.Text.Json.Nodes;

namespace Weft.Flow.Runtime;

/// <summary>The data a job, token or work item carries, stored as a JSON object.</summary>
internal static class FlowData
{
    internal static JsonObject ParseObject(string? json)
    {
        if (string.IsNullOrEmpty(json)) return [];
        return JsonNode.Parse(json) as JsonObject ?? [];
    }

    internal static string? Serialize(JsonObject? data) => data is null ? null : data.ToJsonString(FlowRuntime.Json);
}
