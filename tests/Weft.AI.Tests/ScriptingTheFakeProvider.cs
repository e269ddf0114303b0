using System.ClientModel;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using OpenAI;
using Weft.AI.Providers;
using Weft.AI.Providers.Clients;
using Weft.Testing.FakeProviders;

namespace Weft.AI.Tests;

public sealed class ScriptingTheFakeProvider : IAsyncLifetime
{
    private FakeProviderServer server = null!;
    private readonly HttpClient http = new();

    public async Task InitializeAsync() => server = await FakeProviderServer.StartAsync();

    public async Task DisposeAsync()
    {
        http.Dispose();
        await server.DisposeAsync();
    }

    [Theory]
    [InlineData(ProviderKinds.OpenAI)]
    [InlineData(ProviderKinds.Anthropic)]
    [InlineData(ProviderKinds.Gemini)]
    public async Task Without_a_script_it_echoes_the_last_user_message(string kind)
    {
        ChatMessage[] messages = [new(ChatRole.User, "first"), new(ChatRole.Assistant, "noted"), new(ChatRole.User, "second")];

        var response = await ClientFor(kind, "any-model").GetResponseAsync(messages);

        response.Text.ShouldBe("Echo: second");
    }

    [Fact]
    public async Task A_reply_scripted_for_a_model_goes_to_that_model_before_any_other_reply()
    {
        server.ScriptFor("model-b", Reply.Text("for b"));
        server.Script(Reply.Text("for anyone"));

        var toA = await ClientFor(ProviderKinds.OpenAI, "model-a").GetResponseAsync("Hi");
        var toB = await ClientFor(ProviderKinds.OpenAI, "model-b").GetResponseAsync("Hi");
        var toBAgain = await ClientFor(ProviderKinds.OpenAI, "model-b").GetResponseAsync("Hi");

        toA.Text.ShouldBe("for anyone");
        toB.Text.ShouldBe("for b");
        toBAgain.Text.ShouldBe("Echo: Hi");
        server.Requests.Select(r => r.Model).ShouldBe(["model-a", "model-b", "model-b"]);
    }

    [Fact]
    public async Task Its_model_list_reads_through_the_OpenAI_SDK()
    {
        server.Models.Add("fake-extra");
        var client = new OpenAIClient(new ApiKeyCredential("key"), new OpenAIClientOptions { Endpoint = server.OpenAIBaseUrl });

        var models = await client.GetOpenAIModelClient().GetModelsAsync();

        models.Value.Select(m => m.Id).ShouldBe(["fake-chat", "fake-embedding", "fake-extra"]);
    }

    [Theory]
    [InlineData(ProviderKinds.OpenAI)]
    [InlineData(ProviderKinds.Gemini)]
    public async Task A_failure_scripted_for_embeddings_surfaces_its_status(string kind)
    {
        server.Script(Reply.Fail(429));
        var generator = ChatClients.CreateEmbeddings(ConnectionFor(kind), "fake-embedding", http);

        var error = await Record.ExceptionAsync(() => generator.GenerateAsync(["text"]));

        error.ShouldNotBeNull();
        ProviderErrors.StatusOf(error).ShouldBe(429);
    }

    [Fact]
    public async Task Gemini_embeds_a_single_text_too()
    {
        using var response = await http.PostAsJsonAsync(
            new Uri(server.BaseUrl, "v1beta/models/fake-embedding:embedContent"),
            new JsonObject { ["content"] = new JsonObject { ["parts"] = new JsonArray(new JsonObject { ["text"] = "the blue widget" }) } });

        var body = await response.Content.ReadFromJsonAsync<JsonNode>();

        body!["embedding"]!["values"]!.AsArray().Select(v => v!.GetValue<float>()).ShouldBe(FakeEmbedding.Of("the blue widget"));
        server.LastRequest.Path.ShouldBe("/v1beta/models/fake-embedding:embedContent");
        server.LastRequest.Model.ShouldBe("fake-embedding");
    }

    [Fact]
    public void Texts_sharing_words_share_dimensions()
    {
        var widget = FakeEmbedding.Of("the blue widget");
        var gadget = FakeEmbedding.Of("a blue gadget");
        var other = FakeEmbedding.Of("quarterly invoice");

        Similarity(widget, gadget).ShouldBeGreaterThan(Similarity(widget, other));
        Similarity(widget, widget).ShouldBe(1f, tolerance: 0.0001f);
    }

    private static float Similarity(float[] a, float[] b) => a.Zip(b, (x, y) => x * y).Sum();

    private IChatClient ClientFor(string kind, string model) => ChatClients.Create(ConnectionFor(kind), model, http);

    private ProviderConnection ConnectionFor(string kind) =>
        new(kind, kind == ProviderKinds.OpenAI ? server.OpenAIBaseUrl : server.BaseUrl, "key");
}
