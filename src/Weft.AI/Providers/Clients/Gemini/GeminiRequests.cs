using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Weft.AI.Providers.Clients.Gemini;

internal static class GeminiRequests
{
    public static JsonObject For(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var system = new JsonArray();
        var contents = new JsonArray();
        var functionNames = new Dictionary<string, string>(StringComparer.Ordinal);
        if (options?.Instructions is { Length: > 0 } instructions) system.Add(GeminiParts.Text(instructions));

        foreach (var message in messages)
        {
            if (message.Role == ChatRole.System)
            {
                foreach (var text in message.Contents.OfType<TextContent>()) system.Add(GeminiParts.Text(text.Text));
                continue;
            }
            var parts = new JsonArray();
            foreach (var content in message.Contents)
            {
                if (GeminiParts.Of(content, functionNames) is { } part) parts.Add(part);
            }
            if (parts.Count == 0) continue;
            contents.Add(new JsonObject { ["role"] = message.Role == ChatRole.Assistant ? "model" : "user", ["parts"] = parts });
        }

        var request = new JsonObject();
        if (system.Count > 0) request["systemInstruction"] = new JsonObject { ["parts"] = system };
        request["contents"] = contents;
        if (GenerationConfigOf(options) is { Count: > 0 } config) request["generationConfig"] = config;
        if (GeminiTools.DeclarationsOf(options) is { Count: > 0 } declarations)
        {
            request["tools"] = new JsonArray(new JsonObject { ["functionDeclarations"] = declarations });
            if (GeminiTools.ConfigOf(options!.ToolMode) is { } toolConfig) request["toolConfig"] = toolConfig;
        }
        return request;
    }

    private static JsonObject GenerationConfigOf(ChatOptions? options)
    {
        var config = new JsonObject();
        if (options is null) return config;
        if (options.MaxOutputTokens is { } maxOutputTokens) config["maxOutputTokens"] = maxOutputTokens;
        if (options.Temperature is { } temperature) config["temperature"] = temperature;
        if (options.TopP is { } topP) config["topP"] = topP;
        if (options.TopK is { } topK) config["topK"] = topK;
        if (options.Seed is { } seed) config["seed"] = seed;
        if (options.PresencePenalty is { } presencePenalty) config["presencePenalty"] = presencePenalty;
        if (options.FrequencyPenalty is { } frequencyPenalty) config["frequencyPenalty"] = frequencyPenalty;
        if (options.StopSequences is { Count: > 0 } stops) config["stopSequences"] = new JsonArray([.. stops.Select(s => JsonValue.Create(s))]);
        if (options.ResponseFormat is ChatResponseFormatJson json)
        {
            config["responseMimeType"] = "application/json";
            if (json.Schema is { } schema) config["responseJsonSchema"] = JsonNode.Parse(schema.GetRawText());
        }
        return config;
    }
}
