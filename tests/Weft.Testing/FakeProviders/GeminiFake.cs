using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Weft.Testing.FakeProviders;

internal sealed class GeminiFake : FakeProtocol
{
    public const string ThoughtSignature = "fake-thought-signature";

    public override string? LastUserText(JsonNode? body)
    {
        foreach (var content in (body?["contents"]?.AsArray() ?? []).Reverse())
        {
            if (TextOf(content?["role"]) is not (null or "user")) continue;
            var text = string.Concat((content!["parts"]?.AsArray() ?? []).Select(p => TextOf(p?["text"])));
            if (!string.IsNullOrEmpty(text)) return text;
        }
        return null;
    }

    public override JsonObject ErrorBody(int status) => new()
    {
        ["error"] = new JsonObject
        {
            ["code"] = status,
            ["message"] = $"The fake provider was told to fail with {status}.",
            ["status"] = status switch
            {
                400 => "INVALID_ARGUMENT",
                401 => "UNAUTHENTICATED",
                403 => "PERMISSION_DENIED",
                404 => "NOT_FOUND",
                429 => "RESOURCE_EXHAUSTED",
                503 => "UNAVAILABLE",
                504 => "DEADLINE_EXCEEDED",
                _ => "INTERNAL",
            },
        },
    };

    public async Task GenerateAsync(HttpResponse response, RecordedRequest request, Reply reply, bool streaming)
    {
        var id = NewId("");
        var model = request.Model ?? "fake";
        if (!streaming)
        {
            var parts = reply.Kind == ReplyKind.ToolCall
                ? new JsonArray(FunctionCall(reply))
                : new JsonArray(new JsonObject { ["text"] = reply.Content });
            await response.WriteAsJsonAsync(Chunk(id, model, parts, finished: true, Usage(reply, final: true)));
            return;
        }

        ServerSentEvents.Start(response);
        if (reply.Kind == ReplyKind.ToolCall)
        {
            await ServerSentEvents.WriteAsync(response, Chunk(id, model, new JsonArray(FunctionCall(reply)), finished: true, Usage(reply, final: true)));
            return;
        }
        for (var i = 0; i < reply.Chunks.Count; i++)
        {
            var last = i == reply.Chunks.Count - 1;
            // Each chunk carries the usage so far; only the last one counts the answer's tokens.
            var chunk = Chunk(id, model, new JsonArray(new JsonObject { ["text"] = reply.Chunks[i] }), last, Usage(reply, last));
            await ServerSentEvents.WriteAsync(response, chunk);
        }
    }

    public static Task EmbedAsync(HttpResponse response, RecordedRequest request) =>
        response.WriteAsJsonAsync(new JsonObject { ["embedding"] = Embedding(request.Body) });

    public static Task BatchEmbedAsync(HttpResponse response, RecordedRequest request) =>
        response.WriteAsJsonAsync(new JsonObject
        {
            ["embeddings"] = new JsonArray([.. (request.Body?["requests"]?.AsArray() ?? []).Select(Embedding)]),
        });

    private static JsonObject Embedding(JsonNode? embedRequest)
    {
        var text = string.Concat((embedRequest?["content"]?["parts"]?.AsArray() ?? []).Select(p => TextOf(p?["text"])));
        var dimensions = embedRequest?["outputDimensionality"]?.GetValue<int>() ?? FakeEmbedding.DefaultDimensions;
        return new JsonObject { ["values"] = new JsonArray([.. FakeEmbedding.Of(text, dimensions).Select(v => JsonValue.Create(v))]) };
    }

    private static JsonObject Chunk(string id, string model, JsonArray parts, bool finished, JsonObject usage)
    {
        var candidate = new JsonObject { ["content"] = new JsonObject { ["role"] = "model", ["parts"] = parts }, ["index"] = 0 };
        if (finished) candidate["finishReason"] = "STOP";
        return new JsonObject
        {
            ["candidates"] = new JsonArray(candidate),
            ["usageMetadata"] = usage,
            ["modelVersion"] = model,
            ["responseId"] = id,
        };
    }

    // Thinking models sign their function calls and expect the signature back with the call in the next turn.
    private static JsonObject FunctionCall(Reply reply) => new()
    {
        ["functionCall"] = new JsonObject { ["name"] = reply.ToolName, ["args"] = ArgumentsOf(reply) },
        ["thoughtSignature"] = ThoughtSignature,
    };

    private static JsonObject Usage(Reply reply, bool final)
    {
        var output = final ? reply.OutputTokens : 0;
        var usage = new JsonObject { ["promptTokenCount"] = reply.InputTokens };
        if (final) usage["candidatesTokenCount"] = output;
        if (reply.CachedTokens > 0) usage["cachedContentTokenCount"] = reply.CachedTokens;
        usage["totalTokenCount"] = reply.InputTokens + output;
        return usage;
    }
}
