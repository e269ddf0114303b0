using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Weft.AI.Personas;

/// <summary>
/// A persona's variables: <c>{{customer.name}}</c> takes the value at that path of the run's variables (a work
/// item's token data, or what the caller sent). Text is put in as it is; numbers, flags, lists and objects as JSON.
/// Nothing else in the instructions is read: no code, no conditions.
/// </summary>
internal static partial class PersonaTemplate
{
    public static IReadOnlyList<string> VariablesOf(string instructions) =>
        [.. Variable().Matches(instructions).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal)];

    /// <summary>The instructions with every variable replaced, and the variables that had no value (left out of the text).</summary>
    public static (string Text, IReadOnlyList<string> Missing) Render(string instructions, JsonObject? variables)
    {
        var missing = new List<string>();
        var text = Variable().Replace(instructions, m =>
        {
            var path = m.Groups[1].Value;
            if (ValueAt(variables, path) is { } value) return value;
            if (!missing.Contains(path)) missing.Add(path);
            return "";
        });
        return (text, missing);
    }

    private static string? ValueAt(JsonObject? variables, string path)
    {
        JsonNode? node = variables;
        foreach (var part in path.Split('.'))
        {
            if (node is not JsonObject o || !o.TryGetPropertyValue(part, out node)) return null;
        }
        return node switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            _ => node.ToJsonString(),
        };
    }

    [GeneratedRegex(@"\{\{\s*([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*)\s*\}\}")]
    private static partial Regex Variable();
}
