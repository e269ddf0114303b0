using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Weft.AI.Providers.Clients.Gemini;

internal static class GeminiParts
{
    public const string ThoughtSignature = "thoughtSignature";

    public static JsonObject Text(string text) => new() { ["text"] = text };

    public static JsonObject? Of(AIContent content, Dictionary<string, string> functionNames)
    {
        switch (content)
        {
            case TextContent text:
                return Signed(text, Text(text.Text));
            case DataContent data:
                return new JsonObject
                {
                    ["inlineData"] = new JsonObject { ["mimeType"] = data.MediaType, ["data"] = Convert.ToBase64String(data.Data.Span) },
                };
            case UriContent uri:
                return new JsonObject
                {
                    ["fileData"] = new JsonObject { ["mimeType"] = uri.MediaType, ["fileUri"] = uri.Uri.AbsoluteUri },
                };
            case FunctionCallContent call:
                functionNames[call.CallId] = call.Name;
                return Signed(call, new JsonObject
                {
                    ["functionCall"] = new JsonObject
                    {
                        ["name"] = call.Name,
                        ["args"] = JsonSerializer.SerializeToNode(call.Arguments ?? new Dictionary<string, object?>(), AIJsonUtilities.DefaultOptions),
                    },
                });
            case FunctionResultContent result:
                // Gemini pairs a response with its call by function name, which M.E.AI keeps only on the call.
                if (!functionNames.TryGetValue(result.CallId, out var name))
                {
                    throw new InvalidOperationException($"The function result {result.CallId} has no function call before it in the conversation.");
                }
                return new JsonObject
                {
                    ["functionResponse"] = new JsonObject { ["name"] = name, ["response"] = ResponseOf(result) },
                };
            default:
                return null;
        }
    }

    // Gemini takes a function's response only as a JSON object.
    private static JsonObject ResponseOf(FunctionResultContent result)
    {
        if (result.Exception is { } exception) return new JsonObject { ["error"] = exception.Message };
        var node = result.Result switch
        {
            null => null,
            JsonNode json => json.DeepClone(),
            _ => JsonSerializer.SerializeToNode(result.Result, AIJsonUtilities.DefaultOptions),
        };
        return node as JsonObject ?? new JsonObject { ["result"] = node };
    }

    // Thinking models sign the parts they answer with and refuse a later turn that drops the signature.
    private static JsonObject Signed(AIContent content, JsonObject part)
    {
        if (content.AdditionalProperties?.TryGetValue(ThoughtSignature, out var signature) == true && signature is string text)
        {
            part[ThoughtSignature] = text;
        }
        return part;
    }
}
