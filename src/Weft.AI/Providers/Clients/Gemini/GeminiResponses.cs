using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Weft.AI.Providers.Clients.Gemini;

internal static class GeminiResponses
{
    public static ChatResponse ToResponse(JsonNode json, string requestedModel)
    {
        var contents = ContentsOf(json);
        var responseId = json["responseId"]?.GetValue<string>();
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, contents) { MessageId = responseId })
        {
            ResponseId = responseId,
            ModelId = json["modelVersion"]?.GetValue<string>() ?? requestedModel,
            FinishReason = FinishReasonOf(json, contents.OfType<FunctionCallContent>().Any()),
            Usage = UsageOf(json["usageMetadata"]),
            RawRepresentation = json,
        };
    }

    public static ChatResponseUpdate ToUpdate(JsonNode chunk, string requestedModel, IList<AIContent> contents, bool calledFunctions)
    {
        var responseId = chunk["responseId"]?.GetValue<string>();
        return new ChatResponseUpdate(ChatRole.Assistant, contents)
        {
            ResponseId = responseId,
            MessageId = responseId,
            ModelId = chunk["modelVersion"]?.GetValue<string>() ?? requestedModel,
            FinishReason = FinishReasonOf(chunk, calledFunctions),
            RawRepresentation = chunk,
        };
    }

    public static List<AIContent> ContentsOf(JsonNode json)
    {
        var contents = new List<AIContent>();
        foreach (var part in json["candidates"]?[0]?["content"]?["parts"]?.AsArray() ?? [])
        {
            if (part is null || ContentOf(part) is not { } content) continue;
            if (part[GeminiParts.ThoughtSignature]?.GetValue<string>() is { } signature)
            {
                content.AdditionalProperties = new() { [GeminiParts.ThoughtSignature] = signature };
            }
            contents.Add(content);
        }
        return contents;
    }

    private static AIContent? ContentOf(JsonNode part)
    {
        if (part["functionCall"] is { } call)
        {
            var arguments = call["args"] is { } args
                ? JsonSerializer.Deserialize<Dictionary<string, object?>>(args.ToJsonString(), AIJsonUtilities.DefaultOptions)
                : null;
            // Gemini names a call's id only sometimes; M.E.AI needs one to pair the result with the call.
            var callId = call["id"]?.GetValue<string>() ?? $"call_{Guid.NewGuid():N}";
            return new FunctionCallContent(callId, call["name"]!.GetValue<string>(), arguments) { RawRepresentation = part };
        }
        if (part["text"]?.GetValue<string>() is not { } text) return null;
        return part["thought"]?.GetValue<bool>() == true
            ? new TextReasoningContent(text) { RawRepresentation = part }
            : new TextContent(text) { RawRepresentation = part };
    }

    public static UsageDetails? UsageOf(JsonNode? usage)
    {
        if (usage is null) return null;
        var thoughts = Count(usage, "thoughtsTokenCount");
        var details = new UsageDetails
        {
            InputTokenCount = Count(usage, "promptTokenCount"),
            // Gemini bills thinking as output but counts it apart from the candidates.
            OutputTokenCount = Count(usage, "candidatesTokenCount") is { } candidates ? candidates + (thoughts ?? 0) : thoughts,
            ReasoningTokenCount = thoughts,
            CachedInputTokenCount = Count(usage, "cachedContentTokenCount"),
            TotalTokenCount = Count(usage, "totalTokenCount"),
        };
        if (Count(usage, "toolUsePromptTokenCount") is { } toolUse) details.AdditionalCounts = new() { ["toolUsePromptTokenCount"] = toolUse };
        return details;
    }

    private static long? Count(JsonNode usage, string name) => usage[name]?.GetValue<long>();

    private static ChatFinishReason? FinishReasonOf(JsonNode json, bool calledFunctions)
    {
        if (json["candidates"]?[0]?["finishReason"]?.GetValue<string>() is { } reason)
        {
            return reason switch
            {
                "STOP" when calledFunctions => ChatFinishReason.ToolCalls,
                "STOP" => ChatFinishReason.Stop,
                "MAX_TOKENS" => ChatFinishReason.Length,
                "SAFETY" or "RECITATION" or "BLOCKLIST" or "PROHIBITED_CONTENT" or "SPII" or "IMAGE_SAFETY" => ChatFinishReason.ContentFilter,
                _ => new ChatFinishReason(reason),
            };
        }
        return json["promptFeedback"]?["blockReason"] is not null ? ChatFinishReason.ContentFilter : null;
    }
}
