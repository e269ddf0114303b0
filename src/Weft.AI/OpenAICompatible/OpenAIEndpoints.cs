using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Weft.AI.Agents;
using Weft.AI.Runs;
using Weft.Platform.Errors;
using Weft.Platform.Paging;
using Weft.Platform.Web.Security;

namespace Weft.AI.OpenAICompatible;

/// <summary>
/// Every AI agent behind OpenAI's chat completions protocol, so any OpenAI client can talk to it with a Weft API key as
/// its key and the agent's key as the model: <c>GET /v1/models</c> lists the agents, <c>POST /v1/chat/completions</c>
/// runs one (streamed too), with its persona, failover, limits and cost tracking. Refusals answer in OpenAI's error shape.
/// </summary>
internal static class OpenAIEndpoints
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static void MapOpenAICompatible(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/models", ModelsAsync).WithTags("OpenAI-compatible").RequireAuthorization(AiPermissions.Read);
        app.MapPost("/v1/chat/completions", CompletionsAsync).WithTags("OpenAI-compatible").RequireAuthorization(AiPermissions.Run);
    }

    private static async Task ModelsAsync(HttpContext http, AgentProfiles profiles)
    {
        var tenant = http.User.TenantOf()!.Value;
        var data = new List<object>();
        string? cursor = null;
        do
        {
            var page = await profiles.ListAsync(tenant, PageCursor.MaxSize, cursor, http.RequestAborted);
            data.AddRange(page.Items.Select(a => new { id = a.Agent, @object = "model", created = new DateTimeOffset(a.CreatedAt, TimeSpan.Zero).ToUnixTimeSeconds(), owned_by = "weft" }));
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        await http.Response.WriteAsJsonAsync(new { @object = "list", data }, Json, http.RequestAborted);
    }

    private static async Task CompletionsAsync(HttpContext http, AgentRuns runs)
    {
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(http.Request.Body, documentOptions: new JsonDocumentOptions { MaxDepth = 64 }, cancellationToken: http.RequestAborted);
        }
        catch (JsonException)
        {
            await ErrorAsync(http, 400, "invalid_request_error", "invalid_json", "The body is not valid JSON.");
            return;
        }
        var (request, problem) = ChatCompletionRequest.Read(body);
        if (request is null)
        {
            await ErrorAsync(http, 400, "invalid_request_error", "invalid_request", problem!);
            return;
        }
        PreparedRun prepared;
        try
        {
            prepared = await runs.PrepareAsync(http.User.TenantOf()!.Value, http.User.ActorOf(), request.Agent, new RunRequest(request.Input), request.History,
                http.RequestAborted);
        }
        catch (WeftException e)
        {
            await ErrorAsync(http, e);
            return;
        }
        var id = "chatcmpl-weft-" + prepared.Id.ToString(CultureInfo.InvariantCulture);
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        if (!request.Stream)
        {
            try
            {
                var run = await runs.CompleteAsync(prepared, null, http.RequestAborted);
                await http.Response.WriteAsJsonAsync(new
                {
                    id, @object = "chat.completion", created, model = request.Agent,
                    choices = new[] { new { index = 0, message = new { role = "assistant", content = run.Output ?? "" }, finish_reason = "stop" } },
                    usage = Usage(run.Usage),
                }, Json, http.RequestAborted);
            }
            catch (WeftException e)
            {
                await ErrorAsync(http, e);
            }
            return;
        }

        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        await ChunkAsync(http, new { id, @object = "chat.completion.chunk", created, model = request.Agent,
            choices = new[] { new { index = 0, delta = (object)new { role = "assistant", content = "" }, finish_reason = (string?)null } } });
        try
        {
            var run = await runs.CompleteAsync(prepared, update => update.Text is { Length: > 0 } text
                ? ChunkAsync(http, new { id, @object = "chat.completion.chunk", created, model = request.Agent,
                    choices = new[] { new { index = 0, delta = (object)new { content = text }, finish_reason = (string?)null } } })
                : Task.CompletedTask, http.RequestAborted);
            await ChunkAsync(http, new { id, @object = "chat.completion.chunk", created, model = request.Agent,
                choices = new[] { new { index = 0, delta = (object)new { }, finish_reason = (string?)"stop" } } });
            if (request.IncludeUsage)
                await ChunkAsync(http, new { id, @object = "chat.completion.chunk", created, model = request.Agent, choices = Array.Empty<object>(), usage = Usage(run.Usage) });
        }
        catch (WeftException e)
        {
            // The status is sent already: the error travels in the stream, as OpenAI's servers send one.
            await ChunkAsync(http, new { error = new { message = e.Message, type = "server_error", code = e.Code } });
        }
        await http.Response.WriteAsync("data: [DONE]\n\n", http.RequestAborted);
    }

    private static object Usage(TokenUsage usage) => new
    {
        prompt_tokens = usage.Input,
        completion_tokens = usage.Output,
        total_tokens = usage.Input + usage.Output,
        prompt_tokens_details = new { cached_tokens = usage.CachedInput },
    };

    private static async Task ChunkAsync(HttpContext http, object chunk)
    {
        await http.Response.WriteAsync($"data: {JsonSerializer.Serialize(chunk, Json)}\n\n", http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
    }

    private static Task ErrorAsync(HttpContext http, WeftException e)
    {
        var model = e.Code is "agent_not_found" or "ai_agent_not_found" or "agent_not_ai";
        var type = e.Status switch
        {
            401 => "authentication_error",
            403 => "permission_error",
            503 => "server_error",
            _ => "invalid_request_error",
        };
        return ErrorAsync(http, model ? 404 : e.Status, type, model ? "model_not_found" : e.Code, e.Message);
    }

    private static async Task ErrorAsync(HttpContext http, int status, string type, string code, string message)
    {
        http.Response.StatusCode = status;
        await http.Response.WriteAsJsonAsync(new { error = new { message, type, code, param = (string?)null } }, Json, http.RequestAborted);
    }
}
