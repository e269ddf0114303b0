using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Weft.AI.Providers;
using Weft.AI.Providers.Clients;
using Weft.Testing.FakeProviders;

namespace Weft.AI.Tests;

public sealed class TalkingToProviders : IAsyncLifetime
{
    private const string Key = "key-for-tests";
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
    [InlineData(ProviderKinds.OpenAICompatible)]
    [InlineData(ProviderKinds.Anthropic)]
    [InlineData(ProviderKinds.Gemini)]
    public async Task A_plain_answer_comes_back_with_its_usage(string kind)
    {
        server.Script(Reply.Text("hello", inputTokens: 12, outputTokens: 3, cachedTokens: 4));

        var response = await ClientFor(kind).GetResponseAsync("Say hello.");

        response.Text.ShouldBe("hello");
        response.FinishReason.ShouldBe(ChatFinishReason.Stop);
        response.ModelId.ShouldBe(ModelFor(kind));
        response.Usage.ShouldNotBeNull();
        response.Usage.InputTokenCount.ShouldBe(12);
        response.Usage.OutputTokenCount.ShouldBe(3);
        response.Usage.CachedInputTokenCount.ShouldBe(4);
        response.Usage.TotalTokenCount.ShouldBe(15);
    }

    [Theory]
    [InlineData(ProviderKinds.OpenAI)]
    [InlineData(ProviderKinds.OpenAICompatible)]
    [InlineData(ProviderKinds.Anthropic)]
    [InlineData(ProviderKinds.Gemini)]
    public async Task A_stream_is_reassembled_with_its_usage(string kind)
    {
        server.Script(Reply.Stream("hel", "lo", " there") with { InputTokens = 12, OutputTokens = 3, CachedTokens = 4 });

        var updates = await ClientFor(kind).GetStreamingResponseAsync("Say hello.").ToListAsync();
        var response = updates.ToChatResponse();

        updates.Where(u => u.Text.Length > 0).Select(u => u.Text).ShouldBe(["hel", "lo", " there"]);
        response.Text.ShouldBe("hello there");
        response.FinishReason.ShouldBe(ChatFinishReason.Stop);
        response.Usage.ShouldNotBeNull();
        response.Usage.InputTokenCount.ShouldBe(12);
        response.Usage.OutputTokenCount.ShouldBe(3);
        response.Usage.CachedInputTokenCount.ShouldBe(4);
    }

    [Theory]
    [InlineData(ProviderKinds.OpenAI, false)]
    [InlineData(ProviderKinds.OpenAI, true)]
    [InlineData(ProviderKinds.OpenAICompatible, false)]
    [InlineData(ProviderKinds.Anthropic, false)]
    [InlineData(ProviderKinds.Anthropic, true)]
    [InlineData(ProviderKinds.Gemini, false)]
    [InlineData(ProviderKinds.Gemini, true)]
    public async Task A_tool_call_goes_round_trip_through_function_invocation(string kind, bool streamed)
    {
        server.Script(Reply.ToolCall("lookup", """{"id":42}"""), Reply.Text("Item 42 is a blue widget."));
        var asked = new List<int>();
        var lookup = AIFunctionFactory.Create((int id) =>
        {
            asked.Add(id);
            return $"item {id}: blue widget";
        }, "lookup", "Finds an item by its id.");
        using var client = ClientFor(kind).AsBuilder().UseFunctionInvocation().Build();
        var options = new ChatOptions { Tools = [lookup] };

        var response = streamed
            ? (await client.GetStreamingResponseAsync("What is item 42?", options).ToListAsync()).ToChatResponse()
            : await client.GetResponseAsync("What is item 42?", options);

        response.Text.ShouldBe("Item 42 is a blue widget.");
        asked.ShouldBe([42]);
        server.Requests.Count.ShouldBe(2);
        DeclaredToolOf(kind, server.Requests[0].Body!).ShouldBe("lookup");
        ToolResultIn(kind, server.Requests[1].Body!).ShouldContain("item 42: blue widget");
        if (kind == ProviderKinds.Gemini) CallSentBackIn(server.Requests[1].Body!)["thoughtSignature"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
    }

    [Theory]
    [InlineData(ProviderKinds.OpenAI)]
    [InlineData(ProviderKinds.Anthropic)]
    [InlineData(ProviderKinds.Gemini)]
    public async Task A_tool_call_is_handed_back_when_nothing_invokes_it(string kind)
    {
        server.Script(Reply.ToolCall("lookup", """{"id":42}"""));
        var lookup = AIFunctionFactory.Create((int id) => id, "lookup");

        var response = await ClientFor(kind).GetResponseAsync("What is item 42?", new ChatOptions { Tools = [lookup] });

        var call = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ShouldHaveSingleItem();
        call.Name.ShouldBe("lookup");
        call.Arguments.ShouldNotBeNull();
        call.Arguments["id"]!.ToString().ShouldBe("42");
        call.CallId.ShouldNotBeNullOrEmpty();
        response.FinishReason.ShouldBe(ChatFinishReason.ToolCalls);
    }

    [Theory]
    [InlineData(ProviderKinds.OpenAI, 429, true)]
    [InlineData(ProviderKinds.OpenAI, 500, true)]
    [InlineData(ProviderKinds.OpenAI, 400, false)]
    [InlineData(ProviderKinds.OpenAICompatible, 503, true)]
    [InlineData(ProviderKinds.Anthropic, 429, true)]
    [InlineData(ProviderKinds.Anthropic, 500, true)]
    [InlineData(ProviderKinds.Anthropic, 529, true)]
    [InlineData(ProviderKinds.Anthropic, 401, false)]
    [InlineData(ProviderKinds.Gemini, 429, true)]
    [InlineData(ProviderKinds.Gemini, 500, true)]
    [InlineData(ProviderKinds.Gemini, 404, false)]
    public async Task A_failure_surfaces_its_status_and_whether_to_try_elsewhere(string kind, int status, bool transient)
    {
        server.Script(Reply.Fail(status));

        var error = await Record.ExceptionAsync(() => ClientFor(kind).GetResponseAsync("Hello?"));

        error.ShouldNotBeNull();
        ProviderErrors.StatusOf(error).ShouldBe(status);
        ProviderErrors.IsTransient(error).ShouldBe(transient);
        server.Requests.Count.ShouldBe(1, "the SDK's own retries are off");
    }

    [Theory]
    [InlineData(ProviderKinds.OpenAI)]
    [InlineData(ProviderKinds.Anthropic)]
    [InlineData(ProviderKinds.Gemini)]
    public async Task A_failure_of_a_streamed_request_surfaces_its_status(string kind)
    {
        server.Script(Reply.Fail(503));

        var error = await Record.ExceptionAsync(() => ClientFor(kind).GetStreamingResponseAsync("Hello?").ToListAsync().AsTask());

        error.ShouldNotBeNull();
        ProviderErrors.StatusOf(error).ShouldBe(503);
        ProviderErrors.IsTransient(error).ShouldBeTrue();
    }

    [Theory]
    [InlineData(ProviderKinds.OpenAI)]
    [InlineData(ProviderKinds.Anthropic)]
    [InlineData(ProviderKinds.Gemini)]
    public async Task A_hang_cancelled_by_the_caller_is_not_transient(string kind)
    {
        server.Script(Reply.Hang());
        using var caller = new CancellationTokenSource();
        var call = ClientFor(kind).GetResponseAsync("Hello?", cancellationToken: caller.Token);
        await ArrivalOfRequests(1);

        await caller.CancelAsync();
        var error = await Record.ExceptionAsync(() => call);

        error.ShouldBeAssignableTo<OperationCanceledException>();
        ProviderErrors.StatusOf(error).ShouldBeNull();
        ProviderErrors.IsTransient(error, caller.Token).ShouldBeFalse();
        ProviderErrors.IsTransient(error).ShouldBeFalse("a bare cancellation is taken for the caller's");
    }

    [Theory]
    [InlineData(ProviderKinds.OpenAI)]
    [InlineData(ProviderKinds.Anthropic)]
    [InlineData(ProviderKinds.Gemini)]
    public async Task A_hang_cut_off_by_the_HttpClient_timeout_is_transient(string kind)
    {
        server.Script(Reply.Hang());
        using var impatient = new HttpClient { Timeout = TimeSpan.FromMilliseconds(300) };
        using var caller = new CancellationTokenSource();

        var error = await Record.ExceptionAsync(() => ClientFor(kind, impatient).GetResponseAsync("Hello?", cancellationToken: caller.Token));

        error.ShouldNotBeNull();
        ProviderErrors.StatusOf(error).ShouldBeNull();
        ProviderErrors.IsTransient(error, caller.Token).ShouldBeTrue();
        ProviderErrors.IsTransient(error).ShouldBeTrue("HttpClient's timeout carries a TimeoutException");
    }

    [Theory]
    [InlineData(ProviderKinds.OpenAI)]
    [InlineData(ProviderKinds.Anthropic)]
    [InlineData(ProviderKinds.Gemini)]
    public async Task A_refused_connection_is_transient(string kind)
    {
        var closed = ClosedPort();
        var connection = new ProviderConnection(kind, new Uri($"http://127.0.0.1:{closed}/v1"), Key);

        var error = await Record.ExceptionAsync(() => ChatClients.Create(connection, ModelFor(kind), http).GetResponseAsync("Hello?"));

        error.ShouldNotBeNull();
        ProviderErrors.StatusOf(error).ShouldBeNull();
        ProviderErrors.IsTransient(error).ShouldBeTrue();
    }

    [Theory]
    [InlineData(ProviderKinds.OpenAI, "Authorization", $"Bearer {Key}")]
    [InlineData(ProviderKinds.OpenAICompatible, "Authorization", $"Bearer {Key}")]
    [InlineData(ProviderKinds.Anthropic, "Authorization", $"Bearer {Key}")]
    [InlineData(ProviderKinds.Gemini, "x-goog-api-key", Key)]
    public async Task The_API_key_goes_in_the_header_the_provider_reads(string kind, string header, string value)
    {
        await ClientFor(kind).GetResponseAsync("Hello?");

        var request = server.LastRequest;
        request.Header(header).ShouldBe(value);
        var elsewhere = request.Headers.Where(h => h.Key != header && h.Value.Contains(Key, StringComparison.Ordinal));
        elsewhere.ShouldBeEmpty();
        request.Query.ShouldNotContain(Key);
    }

    [Fact]
    public async Task An_openai_compatible_provider_needs_no_API_key()
    {
        var client = ChatClients.Create(new ProviderConnection(ProviderKinds.OpenAICompatible, server.OpenAIBaseUrl, null), "local-model", http);

        var response = await client.GetResponseAsync("Hello?");

        response.Text.ShouldBe("Echo: Hello?");
        server.LastRequest.Model.ShouldBe("local-model");
    }

    [Fact]
    public void A_connection_missing_what_its_kind_needs_is_refused()
    {
        Should.Throw<ArgumentException>(() => ChatClients.Create(new ProviderConnection(ProviderKinds.OpenAICompatible, null, null), "m", http));
        Should.Throw<ArgumentException>(() => ChatClients.Create(new ProviderConnection(ProviderKinds.OpenAI, null, null), "m", http));
        Should.Throw<ArgumentException>(() => ChatClients.Create(new ProviderConnection(ProviderKinds.Anthropic, null, ""), "m", http));
        Should.Throw<ArgumentException>(() => ChatClients.Create(new ProviderConnection("cohere", null, Key), "m", http));
    }

    [Theory]
    [InlineData(ProviderKinds.OpenAI)]
    [InlineData(ProviderKinds.Gemini)]
    public async Task The_system_prompt_and_generation_options_reach_the_provider_in_its_own_words(string kind)
    {
        await ClientFor(kind).GetResponseAsync(TerseHello, HelloOptions);

        var body = server.LastRequest.Body!;
        var (system, maxTokens, temperature, topP, stop) = kind == ProviderKinds.OpenAI
            ? (body["messages"]![0]!, body["max_completion_tokens"] ?? body["max_tokens"], body["temperature"], body["top_p"], body["stop"])
            : (body["systemInstruction"]!, body["generationConfig"]!["maxOutputTokens"], body["generationConfig"]!["temperature"],
                body["generationConfig"]!["topP"], body["generationConfig"]!["stopSequences"]);
        system.ToJsonString().ShouldContain("You are terse.");
        maxTokens!.GetValue<int>().ShouldBe(321);
        temperature!.GetValue<double>().ShouldBe(0.25, tolerance: 0.0001);
        topP!.GetValue<double>().ShouldBe(0.5, tolerance: 0.0001);
        stop!.ToJsonString().ShouldContain("STOP");
    }

    [Fact]
    public async Task Anthropic_is_sent_the_system_prompt_and_limits_but_no_sampling_settings()
    {
        await ClientFor(ProviderKinds.Anthropic).GetResponseAsync(TerseHello, HelloOptions);

        var body = server.LastRequest.Body!;
        body["system"]!.ToJsonString().ShouldContain("You are terse.");
        body["max_tokens"]!.GetValue<int>().ShouldBe(321);
        body["stop_sequences"]!.ToJsonString().ShouldContain("STOP");
        // Anthropic SDK 13.x has no temperature or top_p on a message request any more.
        body["temperature"].ShouldBeNull();
        body["top_p"].ShouldBeNull();
    }

    [Theory]
    [InlineData(ProviderKinds.OpenAI)]
    [InlineData(ProviderKinds.OpenAICompatible)]
    [InlineData(ProviderKinds.Gemini)]
    public async Task Embeddings_are_the_same_for_the_same_text(string kind)
    {
        var generator = ChatClients.CreateEmbeddings(ConnectionFor(kind), "fake-embedding", http);

        var first = await generator.GenerateAsync(["the blue widget", "the blue widget", "a red gadget"]);
        var again = await generator.GenerateAsync(["the blue widget"]);

        first.Count.ShouldBe(3);
        first[0].Vector.ToArray().ShouldBe(FakeEmbedding.Of("the blue widget"));
        first[1].Vector.ToArray().ShouldBe(first[0].Vector.ToArray());
        again[0].Vector.ToArray().ShouldBe(first[0].Vector.ToArray());
        first[2].Vector.ToArray().ShouldNotBe(first[0].Vector.ToArray());
    }

    [Theory]
    [InlineData(ProviderKinds.OpenAI)]
    [InlineData(ProviderKinds.Gemini)]
    public async Task Embeddings_take_the_dimensions_asked_for(string kind)
    {
        var generator = ChatClients.CreateEmbeddings(ConnectionFor(kind), "fake-embedding", http);

        var embeddings = await generator.GenerateAsync(["the blue widget"], new EmbeddingGenerationOptions { Dimensions = 16 });

        embeddings[0].Vector.ToArray().ShouldBe(FakeEmbedding.Of("the blue widget", 16));
    }

    [Fact]
    public void Anthropic_offers_no_embeddings() =>
        Should.Throw<NotSupportedException>(() => ChatClients.CreateEmbeddings(ConnectionFor(ProviderKinds.Anthropic), "claude-fake", http));

    [Theory]
    [InlineData(ProviderKinds.OpenAI)]
    [InlineData(ProviderKinds.Anthropic)]
    [InlineData(ProviderKinds.Gemini)]
    public async Task Disposing_a_client_leaves_the_callers_HttpClient_usable(string kind)
    {
        using (var client = ClientFor(kind)) await client.GetResponseAsync("Hello?");

        using var response = await http.GetAsync(new Uri(server.BaseUrl, "v1/models"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static ChatMessage[] TerseHello => [new(ChatRole.System, "You are terse."), new(ChatRole.User, "Hello?")];

    private static ChatOptions HelloOptions => new() { MaxOutputTokens = 321, Temperature = 0.25f, TopP = 0.5f, StopSequences = ["STOP"] };

    private IChatClient ClientFor(string kind, HttpClient? through = null) =>
        ChatClients.Create(ConnectionFor(kind), ModelFor(kind), through ?? http);

    private ProviderConnection ConnectionFor(string kind) =>
        new(kind, kind is ProviderKinds.OpenAI or ProviderKinds.OpenAICompatible ? server.OpenAIBaseUrl : server.BaseUrl, Key);

    private static string ModelFor(string kind) => kind switch
    {
        ProviderKinds.Anthropic => "claude-fake",
        ProviderKinds.Gemini => "gemini-fake",
        _ => "gpt-fake",
    };

    private async Task ArrivalOfRequests(int count)
    {
        while (server.Requests.Count < count) await Task.Delay(10);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? DeclaredToolOf(string kind, JsonNode body) => kind switch
    {
        ProviderKinds.Anthropic => body["tools"]?[0]?["name"]?.GetValue<string>(),
        ProviderKinds.Gemini => body["tools"]?[0]?["functionDeclarations"]?[0]?["name"]?.GetValue<string>(),
        _ => body["tools"]?[0]?["function"]?["name"]?.GetValue<string>(),
    };

    private static JsonNode CallSentBackIn(JsonNode geminiBody) => geminiBody["contents"]!.AsArray()
        .SelectMany(c => c!["parts"]!.AsArray())
        .Single(p => p!["functionCall"] is not null)!;

    private static string ToolResultIn(string kind, JsonNode body) => kind switch
    {
        ProviderKinds.Anthropic => body["messages"]!.AsArray()
            .SelectMany(m => m!["content"] as JsonArray ?? [])
            .Single(b => b!["type"]!.GetValue<string>() == "tool_result")!["content"]!.ToJsonString(),
        ProviderKinds.Gemini => body["contents"]!.AsArray()
            .SelectMany(c => c!["parts"]!.AsArray())
            .Single(p => p!["functionResponse"] is not null)!["functionResponse"]!.ToJsonString(),
        _ => body["messages"]!.AsArray().Single(m => m!["role"]!.GetValue<string>() == "tool")!["content"]!.ToJsonString(),
    };
}
