using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Weft.AI.Providers.Clients.Gemini;

internal static class GeminiTools
{
    public static JsonArray DeclarationsOf(ChatOptions? options)
    {
        var declarations = new JsonArray();
        foreach (var function in options?.Tools?.OfType<AIFunctionDeclaration>() ?? [])
        {
            var declaration = new JsonObject { ["name"] = function.Name };
            if (!string.IsNullOrEmpty(function.Description)) declaration["description"] = function.Description;
            declaration["parametersJsonSchema"] = JsonNode.Parse(function.JsonSchema.GetRawText());
            declarations.Add(declaration);
        }
        return declarations;
    }

    public static JsonObject? ConfigOf(ChatToolMode? mode) => mode switch
    {
        NoneChatToolMode => FunctionCalling("NONE"),
        RequiredChatToolMode { RequiredFunctionName: { } name } => FunctionCalling("ANY", name),
        RequiredChatToolMode => FunctionCalling("ANY"),
        _ => null,
    };

    private static JsonObject FunctionCalling(string mode, string? onlyFunction = null)
    {
        var config = new JsonObject { ["mode"] = mode };
        if (onlyFunction is not null) config["allowedFunctionNames"] = new JsonArray(onlyFunction);
        return new JsonObject { ["functionCallingConfig"] = config };
    }
}
