using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Weft.AI.OpenAICompatible;

/// <summary>
/// An OpenAI chat completions request as Weft reads it: <c>model</c> names an AI agent, <c>messages</c> are the conversation
/// (text content, as a string or as text parts), the last one the user's. The agent's own model chain, persona and limits
/// apply; sampling fields a client sends are not taken (the agent's are).
/// </summary>
internal sealed record ChatCompletionRequest(string Agent, IReadOnlyList<ChatMessage> History, string Input, bool Stream, bool IncludeUsage)
{
    public const int MaxMessages = 200;

    /// <summary>The request, or the message that says what is wrong with it.</summary>
    public static (ChatCompletionRequest? Request, string? Problem) Read(JsonNode? body)
    {
        if (body is not JsonObject o) return (null, "The body must be a JSON object.");
        if (o["model"] is not JsonValue model || !model.TryGetValue<string>(out var agent) || string.IsNullOrWhiteSpace(agent))
            return (null, "'model' is required: the key of a Weft AI agent.");
        if (o["messages"] is not JsonArray { Count: > 0 and <= MaxMessages } list)
            return (null, $"'messages' must hold 1-{MaxMessages} messages.");
        var messages = new List<ChatMessage>();
        foreach (var item in list)
        {
            if (item is not JsonObject m || m["role"] is not JsonValue r || !r.TryGetValue<string>(out var role))
                return (null, "Each message needs a 'role'.");
            var chatRole = role switch
            {
                "system" or "developer" => ChatRole.System,
                "user" => ChatRole.User,
                "assistant" => ChatRole.Assistant,
                _ => (ChatRole?)null,
            };
            if (chatRole is null) return (null, $"Messages of role '{role}' are not taken here (system, developer, user, assistant).");
            if (TextOf(m["content"]) is not { } text) return (null, "A message's 'content' must be text, or a list of text parts.");
            messages.Add(new ChatMessage(chatRole.Value, text));
        }
        if (messages[^1].Role != ChatRole.User) return (null, "The last message must be the user's.");
        var stream = o["stream"] is JsonValue s && s.TryGetValue<bool>(out var on) && on;
        var usage = o["stream_options"]?["include_usage"] is JsonValue u && u.TryGetValue<bool>(out var include) && include;
        return (new ChatCompletionRequest(agent, messages[..^1], messages[^1].Text, stream, usage), null);
    }

    private static string? TextOf(JsonNode? content)
    {
        if (content is JsonValue v && v.TryGetValue<string>(out var text)) return text;
        if (content is not JsonArray parts) return null;
        var texts = new List<string>();
        foreach (var part in parts)
        {
            if (part?["type"]?.GetValue<string>() != "text" || part["text"] is not JsonValue t || !t.TryGetValue<string>(out var piece)) return null;
            texts.Add(piece);
        }
        return string.Concat(texts);
    }
}
