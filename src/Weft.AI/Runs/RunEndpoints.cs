using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Weft.Platform.Errors;
using Weft.Platform.Web.Security;

namespace Weft.AI.Runs;

internal static class RunEndpoints
{
    public static void MapRuns(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/ai/agents/{key}/runs", async (HttpContext http, AgentRuns runs, string key, RunRequest body) =>
        {
            var run = await runs.RunAsync(http.User.TenantOf()!.Value, http.User.ActorOf(), key, body, http.RequestAborted);
            return TypedResults.Created($"/api/v1/ai/runs/{run.Id}", run);
        }).WithTags("AI runs").RequireAuthorization(AiPermissions.Run);
        app.MapPost("/api/v1/ai/agents/{key}/runs/stream", StreamAsync).WithTags("AI runs").RequireAuthorization(AiPermissions.Run);
        var group = app.MapGroup("/api/v1/ai/runs").WithTags("AI runs").RequireAuthorization(AiPermissions.Read);
        group.MapGet("", (HttpContext http, AgentRuns runs, string? agent, string? state, DateOnly? from, DateOnly? to, int? limit, string? cursor) =>
            runs.ListAsync(http.User.TenantOf()!.Value, new RunFilter(agent, state, from, to), limit, cursor, http.RequestAborted));
        group.MapGet("/{id:long}", (HttpContext http, AgentRuns runs, long id) => runs.GetAsync(http.User.TenantOf()!.Value, id, http.RequestAborted));
        var threads = app.MapGroup("/api/v1/ai/threads").WithTags("AI runs").RequireAuthorization(AiPermissions.Read);
        threads.MapGet("", (HttpContext http, Threads all, string? agent, int? limit, string? cursor) =>
            all.ListAsync(http.User.TenantOf()!.Value, agent, limit, cursor, http.RequestAborted));
        threads.MapGet("/{id:long}", (HttpContext http, Threads all, long id) => all.GetAsync(http.User.TenantOf()!.Value, id, http.RequestAborted));
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// A run as server-sent events: <c>run</c> (its id) once it is written, <c>delta</c> for each piece of the answer,
    /// then <c>done</c> with the whole run, or <c>error</c> with the refusal's code when no model answered. What is refused
    /// before any model is asked answers as usual, with a status and problem details.
    /// </summary>
    private static async Task StreamAsync(HttpContext http, AgentRuns runs, string key, RunRequest body)
    {
        var prepared = await runs.PrepareAsync(http.User.TenantOf()!.Value, http.User.ActorOf(), key, body, null, http.RequestAborted);
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        await SendAsync(http, "run", new { id = prepared.Id, thread = prepared.Thread, sources = prepared.Sources.Select(s => new
        {
            rank = s.Rank, chunk = s.Chunk.ChunkId, document = s.Chunk.DocumentId, @base = s.Chunk.Base, documentName = s.Chunk.Document, heading = s.Chunk.Heading,
            score = s.Chunk.Score,
        }) });
        try
        {
            var run = await runs.CompleteAsync(prepared, update => update.Text is { Length: > 0 } text ? SendAsync(http, "delta", new { text }) : Task.CompletedTask,
                http.RequestAborted);
            await SendAsync(http, "done", run);
        }
        catch (WeftException e)
        {
            await SendAsync(http, "error", new { code = e.Code, detail = e.Message, run = prepared.Id });
        }
    }

    private static async Task SendAsync(HttpContext http, string name, object data)
    {
        await http.Response.WriteAsync($"event: {name}\ndata: {JsonSerializer.Serialize(data, Json)}\n\n", http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
    }
}
