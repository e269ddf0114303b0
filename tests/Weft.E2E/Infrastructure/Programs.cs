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
}
