using System.Data.Common;
using System.Net;
using System.Text.Json.Nodes;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;
using Weft.Testing.FakeProviders;

namespace Weft.Host.Tests;

/// <summary>
/// An admin connects the tenant to model providers and keeps its model catalogue: API keys go in and are kept encrypted,
/// and never come back out (not in answers, the audit trail, the event outbox or the table); the catalogue starts with
/// the vendors' common models and prices and is the tenant's to edit.
/// </summary>
public sealed class ConfiguringAiProviders
{
    private const string Secret = "sk-test-3f9a1c77d2b84e6e9a0b5c4d3e2f1a00";

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task A_providers_api_key_is_kept_encrypted_and_never_shown(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var created = await api.OkAsync(HttpMethod.Post, "/api/v1/ai/providers",
            new { key = "openai-main", name = "OpenAI", kind = "openai", apiKey = Secret });
        created["hasApiKey"]!.GetValue<bool>().ShouldBeTrue();
        created["timeoutSeconds"]!.GetValue<int>().ShouldBe(60);
        created.ToJsonString().ShouldNotContain(Secret);

        var renamed = await api.OkAsync(HttpMethod.Patch, "/api/v1/ai/providers/openai-main", new { name = "OpenAI (main)", apiKey = Secret + "-2" });
        renamed["name"]!.GetValue<string>().ShouldBe("OpenAI (main)");
        (await api.OkAsync(HttpMethod.Get, "/api/v1/ai/providers/openai-main")).ToJsonString().ShouldNotContain("sk-test");
        (await api.OkAsync(HttpMethod.Get, "/api/v1/ai/providers")).ToJsonString().ShouldNotContain("sk-test");

        var audit = await api.AuditAsync();
        var entries = audit.Where(e => e.Type().StartsWith("ai_provider_", StringComparison.Ordinal)).ToList();
        entries.Select(e => e.Type()).ShouldBe(["ai_provider_created", "ai_provider_updated"]);
        entries.ShouldAllBe(e => e["data"]!["apiKeyChanged"]!.GetValue<bool>());
        string.Concat(audit.Select(e => e.ToJsonString())).ShouldNotContain("sk-test");

        // Straight from the tables: the stored key is not the key, and nothing else the host wrote holds it.
        await using var raw = await RawConnections.OpenAsync(api.Database, tenant: 1);
        var stored = (string)(await ScalarAsync(raw, "SELECT api_key_protected FROM ai_providers WHERE key = 'openai-main'"))!;
        stored.ShouldNotContain("sk-test");
        stored.Length.ShouldBeGreaterThan(Secret.Length);
        foreach (var table in new[] { "platform_outbox", "identity_audit", "flow_events" })
            (await TextOfAsync(raw, table)).ShouldNotContain("sk-test", customMessage: table);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task A_provider_that_cannot_be_called_is_refused_and_nothing_is_written(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        await RefusedAsync(api, HttpMethod.Post, "/api/v1/ai/providers", new { key = "x", name = "X", kind = "cohere", apiKey = "k" }, "kind");
        await RefusedAsync(api, HttpMethod.Post, "/api/v1/ai/providers", new { key = "x", name = "X", kind = "anthropic" }, "apiKey");
        await RefusedAsync(api, HttpMethod.Post, "/api/v1/ai/providers", new { key = "x", name = "X", kind = "openai_compatible" }, "baseUrl");
        await RefusedAsync(api, HttpMethod.Post, "/api/v1/ai/providers",
            new { key = "x", name = "X", kind = "openai_compatible", baseUrl = "http://user:pw@127.0.0.1:11434/v1" }, "baseUrl");
        await RefusedAsync(api, HttpMethod.Post, "/api/v1/ai/providers",
            new { key = "x", name = "X", kind = "openai_compatible", baseUrl = "ftp://127.0.0.1/v1" }, "baseUrl");
        await RefusedAsync(api, HttpMethod.Post, "/api/v1/ai/providers",
            new { key = "x", name = "X", kind = "gemini", apiKey = " padded " }, "apiKey");
        await RefusedAsync(api, HttpMethod.Post, "/api/v1/ai/providers",
            new { key = "x y", name = "", kind = "gemini", apiKey = "k", timeoutSeconds = 0 }, "key", "name", "timeoutSeconds");
        (await api.OkAsync(HttpMethod.Get, "/api/v1/ai/providers"))["items"]!.AsArray().ShouldBeEmpty();

        // A local server without a key is fine; a vendor's API loses its key only by being given another.
        await api.OkAsync(HttpMethod.Post, "/api/v1/ai/providers",
            new { key = "ollama", name = "Ollama", kind = "openai_compatible", baseUrl = "http://127.0.0.1:11434/v1" });
        (await api.PostAsync("/api/v1/ai/providers", new { key = "ollama", name = "Again", kind = "openai_compatible", baseUrl = "http://127.0.0.1:1/v1" }))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);
        await api.OkAsync(HttpMethod.Post, "/api/v1/ai/providers", new { key = "claude", name = "Anthropic", kind = "anthropic", apiKey = Secret });
        await RefusedAsync(api, HttpMethod.Patch, "/api/v1/ai/providers/claude", new { removeApiKey = true }, "apiKey");
        var stale = await api.SendAsync(HttpMethod.Patch, "/api/v1/ai/providers/claude", new { name = "Claude", version = 7 });
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var claude = await api.OkAsync(HttpMethod.Get, "/api/v1/ai/providers/claude");
        claude["name"]!.GetValue<string>().ShouldBe("Anthropic");
        claude["hasApiKey"]!.GetValue<bool>().ShouldBeTrue();
        (await api.GetAsync("/api/v1/ai/providers/nobody")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // A vendor's API can go back to its own address; a local server cannot lose its only one.
        (await api.OkAsync(HttpMethod.Patch, "/api/v1/ai/providers/claude", new { baseUrl = "http://127.0.0.1:4000" }))["baseUrl"]!.GetValue<string>()
            .ShouldBe("http://127.0.0.1:4000");
        (await api.OkAsync(HttpMethod.Patch, "/api/v1/ai/providers/claude", new { baseUrl = "" }))["baseUrl"].ShouldBeNull();
        await RefusedAsync(api, HttpMethod.Patch, "/api/v1/ai/providers/ollama", new { baseUrl = "" }, "baseUrl");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task The_catalogue_starts_with_common_models_and_is_the_tenants_to_edit(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var models = await AllModelsAsync(api);
        var mini = models.Single(m => m["key"]!.GetValue<string>() == "gpt-4o-mini");
        mini["kind"]!.GetValue<string>().ShouldBe("openai");
        mini["purpose"]!.GetValue<string>().ShouldBe("chat");
        mini["inputPrice"]!.GetValue<decimal>().ShouldBe(0.15m);
        mini["outputPrice"]!.GetValue<decimal>().ShouldBe(0.60m);
        models.ShouldContain(m => m["kind"]!.GetValue<string>() == "anthropic");
        models.ShouldContain(m => m["kind"]!.GetValue<string>() == "gemini");
        var embeddings = (await api.OkAsync(HttpMethod.Get, "/api/v1/ai/models?purpose=embeddings"))["items"]!.AsArray();
        embeddings.ShouldNotBeEmpty();
        embeddings.ShouldAllBe(m => m!["purpose"]!.GetValue<string>() == "embeddings");

        var edited = await api.OkAsync(HttpMethod.Patch, "/api/v1/ai/models/gpt-4o-mini", new { inputPrice = 0.125m, version = mini["version"]!.GetValue<int>() });
        edited["inputPrice"]!.GetValue<decimal>().ShouldBe(0.125m);
        (await api.SendAsync(HttpMethod.Delete, "/api/v1/ai/models/gpt-4o")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await AllModelsAsync(api)).ShouldNotContain(m => m["key"]!.GetValue<string>() == "gpt-4o");

        // A model served by a provider of the tenant's: the provider must speak its protocol, and stays while it serves.
        await api.OkAsync(HttpMethod.Post, "/api/v1/ai/providers", new { key = "lab", name = "Lab vLLM", kind = "openai_compatible", baseUrl = "http://127.0.0.1:8000/v1" });
        await RefusedAsync(api, HttpMethod.Post, "/api/v1/ai/models",
            new { key = "llama-3.3-70b", kind = "anthropic", provider = "lab", purpose = "chat", contextWindow = 131072, inputPrice = 0 }, "provider");
        await RefusedAsync(api, HttpMethod.Post, "/api/v1/ai/models",
            new { key = "bad/key", kind = "openai_compatible", purpose = "talk", contextWindow = 0, inputPrice = -1 }, "key", "purpose", "contextWindow", "inputPrice");
        var llama = await api.OkAsync(HttpMethod.Post, "/api/v1/ai/models", new
        {
            key = "llama-3.3-70b", kind = "openai_compatible", provider = "lab", providerModel = "meta-llama/Llama-3.3-70B-Instruct",
            purpose = "chat", contextWindow = 131072, inputPrice = 0.1m, outputPrice = 0.3m,
        });
        llama["providerModel"]!.GetValue<string>().ShouldBe("meta-llama/Llama-3.3-70B-Instruct");
        llama["cachedInputPrice"]!.GetValue<decimal>().ShouldBe(0.1m);
        (await api.SendAsync(HttpMethod.Delete, "/api/v1/ai/providers/lab")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        await api.OkAsync(HttpMethod.Patch, "/api/v1/ai/models/llama-3.3-70b", new { provider = "" });
        (await api.SendAsync(HttpMethod.Delete, "/api/v1/ai/providers/lab")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task No_log_record_holds_a_providers_key_whatever_the_calls_did()
    {
        var logs = new LogCapture();
        await using var fake = await FakeProviderServer.StartAsync();
        await using var api = await WeftApi.StartAsync("sqlite", services: logs.AddTo);
        // Each kind of provider is called through its own client (OpenAI's SDK, Anthropic's SDK, Weft's Gemini client): one of each, a call failing once.
        var kinds = new[] { ("openai_compatible", fake.OpenAIBaseUrl), ("anthropic", fake.BaseUrl), ("gemini", fake.BaseUrl) };
        foreach (var (kind, url) in kinds)
        {
            var key = kind.Replace("_", "-", StringComparison.Ordinal);
            await api.OkAsync(HttpMethod.Post, "/api/v1/ai/providers",
                new { key, name = kind, kind, baseUrl = url.AbsoluteUri, apiKey = Secret + "-" + key, timeoutSeconds = 10 });
            foreach (var model in new[] { "first", "second" })
            {
                await api.OkAsync(HttpMethod.Post, "/api/v1/ai/models", new
                {
                    key = $"{key}-{model}", kind, provider = key, providerModel = $"{key}-{model}-model", purpose = "chat", contextWindow = 32_000,
                    inputPrice = 1m, outputPrice = 2m,
                });
            }
            await api.OkAsync(HttpMethod.Post, "/api/v1/agents", new { key = key + "-agent", name = kind, kind = "ai" });
            await api.OkAsync(HttpMethod.Post, "/api/v1/ai/agents", new { agent = key + "-agent", models = new[] { key + "-first", key + "-second" } });
            fake.ScriptFor($"{key}-first-model", Reply.Fail(500), Reply.Fail(401));
            fake.ScriptFor($"{key}-second-model", Reply.Text("Answered."));
            // A failover (500, then the second model answers), then a refusal (401: the key is wrong) that ends the run.
            (await api.OkAsync(HttpMethod.Post, $"/api/v1/ai/agents/{key}-agent/runs", new { input = "Hello" }))["state"]!.GetValue<string>().ShouldBe("answered");
            await (await api.PostAsync($"/api/v1/ai/agents/{key}-agent/runs", new { input = "Hello again" })).ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "provider_refused");
        }
        // Embeddings at upload, and a key changed.
        await api.OkAsync(HttpMethod.Post, "/api/v1/ai/models", new
        {
            key = "embed", kind = "openai_compatible", provider = "openai-compatible", providerModel = "fake-embedding", purpose = "embeddings", contextWindow = 8_000,
            inputPrice = 0.02m, outputPrice = 0m,
        });
        await api.OkAsync(HttpMethod.Post, "/api/v1/ai/knowledge", new { key = "notes", name = "Notes", embeddingModel = "embed" });
        await AnsweringFromKnowledge.UploadAsync(api, "notes", "notes.md", "# Notes\n\nParcels ship on weekdays.");
        await api.OkAsync(HttpMethod.Patch, "/api/v1/ai/providers/gemini", new { apiKey = Secret + "-rotated" });

        // The keys did reach the providers, so the calls could have logged them.
        fake.Requests.ShouldContain(r => r.Header("Authorization") == $"Bearer {Secret}-openai-compatible");
        fake.Requests.ShouldContain(r => r.Header("Authorization") == $"Bearer {Secret}-anthropic");
        fake.Requests.ShouldContain(r => r.Header("x-goog-api-key") == $"{Secret}-gemini");
        logs.Records.ShouldContain(r => r.Contains("System.Net.Http.HttpClient", StringComparison.Ordinal), "the outgoing calls were logged");
        logs.Records.ShouldContain(r => r.Contains("/api/v1/ai/providers", StringComparison.Ordinal), "the requests with a key in their body were logged");
        logs.Records.Where(r => r.Contains("sk-test", StringComparison.Ordinal)).ShouldBeEmpty();
    }

    private static async Task<List<JsonNode>> AllModelsAsync(WeftApi api) =>
        (await api.OkAsync(HttpMethod.Get, "/api/v1/ai/models?limit=200"))["items"]!.AsArray().Select(m => m!).ToList();

    private static async Task RefusedAsync(WeftApi api, HttpMethod method, string url, object body, params string[] fields)
    {
        using var response = await api.SendAsync(method, url, body);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, text);
        var errors = JsonNode.Parse(text)!["errors"]!.AsObject();
        foreach (var field in fields) errors.ContainsKey(field).ShouldBeTrue($"{field} in {text}");
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    // Every row of a table as text, so a secret anywhere in it is found.
    private static async Task<string> TextOfAsync(DbConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {table}";
        await using var reader = await command.ExecuteReaderAsync();
        var text = new System.Text.StringBuilder();
        while (await reader.ReadAsync())
            for (var i = 0; i < reader.FieldCount; i++) text.Append(reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('|');
        return text.ToString();
    }
}
