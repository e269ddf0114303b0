using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Weft.Testing.FakeProviders;

internal sealed class AnthropicFake : FakeProtocol
{
    public override string? LastUserText(JsonNode? body)
    {
        foreach (var message in (body?["messages"]?.AsArray() ?? []).Reverse())
        {
            if (TextOf(message?["role"]) != "user") continue;
            var content = message!["content"];
            var text = TextOf(content) ?? string.Concat((content as JsonArray ?? [])
                .Where(b => TextOf(b?["type"]) == "text")
                .Select(b => TextOf(b!["text"])));
            if (!string.IsNullOrEmpty(text)) return text;
        }
        return null;
    }

    public override JsonObject ErrorBody(int status) => new()
    {
        ["type"] = "error",
        ["error"] = new JsonObject
        {
            ["type"] = status switch
            {
                400 => "invalid_request_error",
                401 => "authentication_error",
                403 => "permission_error",
                404 => "not_found_error",
                429 => "rate_limit_error",
                529 => "overloaded_error",
                _ => "api_error",
            },
            ["message"] = $"The fake provider was told to fail with {status}.",
        },
    };

    public async Task MessagesAsync(HttpResponse response, RecordedRequest request, Reply reply)
    {
        var id = NewId("msg_");
        var model = request.Model ?? "fake";
        if (request.Body?["stream"]?.GetValue<bool>() != true)
        {
            var message = Message(id, model, reply.Kind == ReplyKind.ToolCall ? "tool_use" : "end_turn", Usage(reply, reply.OutputTokens));
            message["content"] = reply.Kind == ReplyKind.ToolCall
                ? new JsonArray(ToolUse(reply, ArgumentsOf(reply)))
                : new JsonArray(new JsonObject { ["type"] = "text", ["text"] = reply.Content });
            await response.WriteAsJsonAsync(message);
            return;
        }

        ServerSentEvents.Start(response);
        await EventAsync(response, "message_start", new JsonObject
        {
            ["message"] = Message(id, model, stopReason: null, Usage(reply, outputTokens: 1)),
        });
        var block = reply.Kind == ReplyKind.ToolCall
            ? ToolUse(reply, new JsonObject())
            : new JsonObject { ["type"] = "text", ["text"] = "" };
        await EventAsync(response, "content_block_start", new JsonObject { ["index"] = 0, ["content_block"] = block });
        await EventAsync(response, "ping", new JsonObject());
        var deltas = reply.Kind == ReplyKind.ToolCall
            ? [new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = reply.ToolArguments }]
            : reply.Chunks.Select(chunk => new JsonObject { ["type"] = "text_delta", ["text"] = chunk });
        foreach (var delta in deltas)
        {
            await EventAsync(response, "content_block_delta", new JsonObject { ["index"] = 0, ["delta"] = delta });
        }
        await EventAsync(response, "content_block_stop", new JsonObject { ["index"] = 0 });
        // Like the real API, message_delta carries the final, cumulative usage.
        await EventAsync(response, "message_delta", new JsonObject
        {
            ["delta"] = new JsonObject
            {
                ["stop_reason"] = reply.Kind == ReplyKind.ToolCall ? "tool_use" : "end_turn",
                ["stop_sequence"] = null,
            },
            ["usage"] = Usage(reply, reply.OutputTokens),
        });
        await EventAsync(response, "message_stop", new JsonObject());
    }

    private static Task EventAsync(HttpResponse response, string type, JsonObject data)
    {
        var typed = new JsonObject { ["type"] = type };
        foreach (var (name, value) in data) typed[name] = value?.DeepClone();
        return ServerSentEvents.WriteAsync(response, typed, type);
    }

    private static JsonObject Message(string id, string model, string? stopReason, JsonObject usage) => new()
    {
        ["id"] = id,
        ["type"] = "message",
        ["role"] = "assistant",
        ["model"] = model,
        ["content"] = new JsonArray(),
        ["stop_reason"] = stopReason,
        ["stop_sequence"] = null,
        ["usage"] = usage,
    };

    private static JsonObject ToolUse(Reply reply, JsonNode input) => new()
    {
        ["type"] = "tool_use",
        ["id"] = NewId("toolu_"),
        ["name"] = reply.ToolName,
        ["input"] = input,
    };

    // Anthropic counts cache reads apart from input_tokens, where OpenAI counts them inside.
    private static JsonObject Usage(Reply reply, int outputTokens) => new()
    {
        ["input_tokens"] = reply.InputTokens - reply.CachedTokens,
        ["cache_creation_input_tokens"] = 0,
        ["cache_read_input_tokens"] = reply.CachedTokens,
        ["output_tokens"] = outputTokens,
    };
}
