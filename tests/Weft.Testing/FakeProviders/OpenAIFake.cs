using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Weft.Testing.FakeProviders;

internal sealed class OpenAIFake : FakeProtocol
{
    public override string? LastUserText(JsonNode? body)
    {
        foreach (var message in (body?["messages"]?.AsArray() ?? []).Reverse())
        {
            if (TextOf(message?["role"]) != "user") continue;
            var content = message!["content"];
            var text = TextOf(content) ?? string.Concat((content as JsonArray ?? [])
                .Where(p => TextOf(p?["type"]) == "text")
                .Select(p => TextOf(p!["text"])));
            if (!string.IsNullOrEmpty(text)) return text;
        }
        return null;
    }

    public override JsonObject ErrorBody(int status) => new()
    {
        ["error"] = new JsonObject
        {
            ["message"] = $"The fake provider was told to fail with {status}.",
            ["type"] = status == 429 ? "rate_limit_exceeded" : status >= 500 ? "server_error" : "invalid_request_error",
            ["param"] = null,
            ["code"] = null,
        },
    };

    public async Task ChatAsync(HttpResponse response, RecordedRequest request, Reply reply)
    {
        var id = NewId("chatcmpl-");
        var model = request.Model ?? "fake";
        var streaming = request.Body?["stream"]?.GetValue<bool>() == true;
        if (!streaming)
        {
            var message = new JsonObject { ["role"] = "assistant", ["content"] = null, ["refusal"] = null };
            if (reply.Kind == ReplyKind.ToolCall)
            {
                message["tool_calls"] = new JsonArray(new JsonObject
                {
                    ["id"] = NewId("call_"),
                    ["type"] = "function",
                    ["function"] = new JsonObject { ["name"] = reply.ToolName, ["arguments"] = reply.ToolArguments },
                });
            }
            else message["content"] = reply.Content;
            var completion = Envelope(id, model, "chat.completion");
            completion["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0, ["message"] = message, ["logprobs"] = null, ["finish_reason"] = FinishReasonOf(reply),
            });
            completion["usage"] = Usage(reply);
            await response.WriteAsJsonAsync(completion);
            return;
        }

        ServerSentEvents.Start(response);
        await WriteChunkAsync(response, id, model, new JsonObject { ["role"] = "assistant", ["content"] = "" });
        if (reply.Kind == ReplyKind.ToolCall)
        {
            // The real API names the call in its first delta and streams the arguments after it.
            await WriteChunkAsync(response, id, model, new JsonObject
            {
                ["tool_calls"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0,
                    ["id"] = NewId("call_"),
                    ["type"] = "function",
                    ["function"] = new JsonObject { ["name"] = reply.ToolName, ["arguments"] = "" },
                }),
            });
            await WriteChunkAsync(response, id, model, new JsonObject
            {
                ["tool_calls"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0,
                    ["function"] = new JsonObject { ["arguments"] = reply.ToolArguments },
                }),
            });
        }
        else
        {
            foreach (var chunk in reply.Chunks) await WriteChunkAsync(response, id, model, new JsonObject { ["content"] = chunk });
        }
        await WriteChunkAsync(response, id, model, new JsonObject(), FinishReasonOf(reply));
        if (request.Body?["stream_options"]?["include_usage"]?.GetValue<bool>() == true)
        {
            var usage = Envelope(id, model, "chat.completion.chunk");
            usage["choices"] = new JsonArray();
            usage["usage"] = Usage(reply);
            await ServerSentEvents.WriteAsync(response, usage);
        }
        await ServerSentEvents.WriteRawAsync(response, "[DONE]");
    }

    public async Task EmbeddingsAsync(HttpResponse response, RecordedRequest request)
    {
        var inputs = request.Body?["input"] switch
        {
            JsonArray many => many.Select(TextOf).OfType<string>().ToList(),
            var one => [TextOf(one) ?? ""],
        };
        var dimensions = request.Body?["dimensions"]?.GetValue<int>() ?? FakeEmbedding.DefaultDimensions;
        var base64 = TextOf(request.Body?["encoding_format"]) == "base64";
        var data = new JsonArray();
        for (var i = 0; i < inputs.Count; i++)
        {
            var vector = FakeEmbedding.Of(inputs[i], dimensions);
            JsonNode embedding = base64
                ? Convert.ToBase64String(vector.SelectMany(BitConverter.GetBytes).ToArray())
                : new JsonArray([.. vector.Select(v => JsonValue.Create(v))]);
            data.Add(new JsonObject { ["object"] = "embedding", ["index"] = i, ["embedding"] = embedding });
        }
        var tokens = inputs.Sum(FakeEmbedding.WordCount);
        await response.WriteAsJsonAsync(new JsonObject
        {
            ["object"] = "list",
            ["data"] = data,
            ["model"] = request.Model,
            ["usage"] = new JsonObject { ["prompt_tokens"] = tokens, ["total_tokens"] = tokens },
        });
    }

    public static Task ModelsAsync(HttpResponse response, IEnumerable<string> models) =>
        response.WriteAsJsonAsync(new JsonObject
        {
            ["object"] = "list",
            ["data"] = new JsonArray([.. models.Select(m => new JsonObject
            {
                ["id"] = m, ["object"] = "model", ["created"] = 1_767_225_600, ["owned_by"] = "weft-fake",
            })]),
        });

    private static JsonObject Envelope(string id, string model, string type) => new()
    {
        ["id"] = id,
        ["object"] = type,
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["model"] = model,
        ["system_fingerprint"] = "fp_fake",
    };

    private static Task WriteChunkAsync(HttpResponse response, string id, string model, JsonObject delta, string? finishReason = null)
    {
        var chunk = Envelope(id, model, "chat.completion.chunk");
        chunk["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0, ["delta"] = delta, ["logprobs"] = null, ["finish_reason"] = finishReason,
        });
        return ServerSentEvents.WriteAsync(response, chunk);
    }

    private static string FinishReasonOf(Reply reply) => reply.Kind == ReplyKind.ToolCall ? "tool_calls" : "stop";

    private static JsonObject Usage(Reply reply) => new()
    {
        ["prompt_tokens"] = reply.InputTokens,
        ["completion_tokens"] = reply.OutputTokens,
        ["total_tokens"] = reply.InputTokens + reply.OutputTokens,
        ["prompt_tokens_details"] = new JsonObject { ["cached_tokens"] = reply.CachedTokens, ["audio_tokens"] = 0 },
        ["completion_tokens_details"] = new JsonObject { ["reasoning_tokens"] = 0, ["audio_tokens"] = 0 },
    };
}
