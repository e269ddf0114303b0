using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Weft.E2E.Infrastructure;

/// <summary>Programs beside the browsers: API clients of the test server, signed in as a demo person.</summary>
public static class Programs
{
    /// <summary>A client of the API signed in as <paramref name="email"/> (a bearer token from the demo password).</summary>
    public static async Task<HttpClient> SignedInAsync(WeftServer server, string email)
    {
        var client = new HttpClient { BaseAddress = server.Address };
        var token = (await (await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password = DemoPeople.Password }))
            .Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    /// <summary>Creates a routing graph with this draft and publishes it as version 1.</summary>
    public static async Task PublishGraphAsync(this HttpClient program, string key, string name, object[] nodes, object[] edges)
    {
        (await program.PostAsJsonAsync("/api/v1/graphs", new { key, name, draft = new { nodes, edges } })).EnsureSuccessStatusCode();
        (await program.PostAsync($"/api/v1/graphs/{key}/publish", null)).EnsureSuccessStatusCode();
    }

    /// <summary>Starts a job and returns its id.</summary>
    public static async Task<long> StartJobAsync(this HttpClient program, string graph, int quantity, string reference) =>
        (await (await program.PostAsJsonAsync("/api/v1/jobs", new { graph, quantity, reference })).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<long>();

    /// <summary>
    /// Takes the demo's help-center knowledge base out of the AI module, once support's published articles have all reached
    /// it (their deliveries run in the background after the demo is seeded), for a test that starts from no knowledge.
    /// </summary>
    public static async Task WithoutDemoKnowledgeAsync(this HttpClient admin)
    {
        const int published = 4; // the demo's published help center articles (Weft.Support's DemoArticles)
        for (var attempt = 0; ; attempt++)
        {
            using var documents = await admin.GetAsync("/api/v1/ai/knowledge/help-center/documents");
            if (documents.IsSuccessStatusCode && (await documents.Content.ReadFromJsonAsync<JsonArray>())!.Count == published) break;
            if (attempt == 300) throw new TimeoutException("The demo's help center articles never reached the AI's knowledge base.");
            await Task.Delay(100);
        }
        (await admin.DeleteAsync("/api/v1/ai/knowledge/help-center")).EnsureSuccessStatusCode();
    }
}
