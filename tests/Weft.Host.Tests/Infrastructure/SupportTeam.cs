using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Weft.Flow.Automation;

namespace Weft.Host.Tests.Infrastructure;

/// <summary>The support team a test needs: people with keys of their own, a conversation, and the automation run to rest.</summary>
public static class SupportTeam
{
    /// <summary>A person agent (by default on the support team) and a key acting as them with support and flow rights.</summary>
    public static async Task<WeftCaller> PersonAsync(WeftApi api, string key, string? name = null, string capability = "support", int wipLimit = 5)
    {
        await api.OkAsync(HttpMethod.Post, "/api/v1/agents",
            new { key, name = name ?? key, kind = "person", capabilities = new[] { new { name = capability, level = 1 } }, wipLimit });
        var created = await api.OkAsync(HttpMethod.Post, "/api/v1/api-keys", new { name = "agent " + key, scopes = new[] { "support:write", "flow:write" }, agent = key });
        return new WeftCaller(api.CreateClient("ApiKey " + created["key"]!.GetValue<string>()));
    }

    /// <summary>Starts a conversation over the API; its detail (conversation and first message).</summary>
    public static Task<JsonNode> StartAsync(WeftApi api, string message, string name = "Ana Lima", string email = "ana@example.com", string? subject = null) =>
        api.OkAsync(HttpMethod.Post, "/api/v1/support/conversations", new { customer = new { name, email }, subject, message });

    /// <summary>Runs automated work (triage, delivery) until none is due: without an AI agent, a turn then waits at its reply step.</summary>
    public static async Task RunAllAsync(WeftApi api)
    {
        var runner = api.Services.GetRequiredService<AutomationRunner>();
        while (await runner.RunDueAsync(1) > 0)
        {
        }
    }

    /// <summary>The reply step of the conversation's current turn, as the engine has it.</summary>
    public static async Task<JsonNode> ReplyStepAsync(WeftApi api, long conversation)
    {
        var job = (await api.OkAsync(HttpMethod.Get, $"/api/v1/support/conversations/{conversation}"))["conversation"]!["job"]!.GetValue<long>();
        var items = await api.OkAsync(HttpMethod.Get, $"/api/v1/work-items?job={job}&node=reply");
        return items["items"]!.AsArray().Last()!;
    }
}
