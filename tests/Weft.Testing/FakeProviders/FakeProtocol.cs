using System.Text.Json.Nodes;

namespace Weft.Testing.FakeProviders;

internal abstract class FakeProtocol
{
    public abstract string? LastUserText(JsonNode? body);

    public abstract JsonObject ErrorBody(int status);

    protected static string NewId(string prefix) => $"{prefix}{Guid.NewGuid():N}";

    protected static JsonNode ArgumentsOf(Reply reply) => JsonNode.Parse(reply.ToolArguments ?? "{}") ?? new JsonObject();

    protected static string? TextOf(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
