using System.Text.Json;
using System.Text.Json.Nodes;

namespace Weft.AI.TestConsole;

/// <summary>The console's variables box: empty, or a JSON object whose values fill the persona's <c>{{path}}</c> placeholders.</summary>
internal static class ConsoleVariables
{
    public const string Example = """{"customer": {"name": "Ada"}}""";

    /// <summary>The object written in the box (null when the box is empty), or what is wrong with it.</summary>
    public static (JsonObject? Variables, string? Problem) Read(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return (null, null);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line && e.BytePositionInLine is { } column ? $" at line {line + 1}, character {column + 1}" : "";
            return (null, $"The variables are not valid JSON{where}. Write an object, like {Example}.");
        }
        return node is JsonObject variables
            ? (variables, null)
            : (null, $"The variables must be a JSON object, like {Example}, not {KindOf(node)}.");
    }

    private static string KindOf(JsonNode? node) => node switch
    {
        null => "null",
        JsonArray => "a list",
        _ => "a single value",
    };
}
