using System.ClientModel;
using System.ClientModel.Primitives;
using Anthropic;
using Anthropic.Core;
using Microsoft.Extensions.AI;
using OpenAI;
using Weft.AI.Providers.Clients.Gemini;

namespace Weft.AI.Providers.Clients;

/// <summary>
/// One M.E.AI client per provider kind, each call a GenAI span (<see cref="AiTelemetry"/>). Every request goes through the caller's HttpClient, which sets the
/// timeouts and stays the caller's to dispose; the SDKs' own retries are off because the caller does failover.
/// </summary>
internal static class ChatClients
{
    private static readonly Uri OpenAIDefault = new("https://api.openai.com/v1");
    private static readonly Uri AnthropicDefault = new("https://api.anthropic.com");
    private static readonly Uri GeminiDefault = new("https://generativelanguage.googleapis.com");
    private const string KeylessPlaceholder = "no-key";

    public static IChatClient Create(ProviderConnection connection, string model, HttpClient http)
    {
        Check(connection, model, http);
        return AiTelemetry.Traced(connection.Kind switch
        {
            ProviderKinds.OpenAI or ProviderKinds.OpenAICompatible => OpenAIFor(connection, http).GetChatClient(model).AsIChatClient(),
            ProviderKinds.Anthropic => AnthropicFor(connection, http).AsIChatClient(model),
            ProviderKinds.Gemini => new GeminiChatClient(GeminiFor(connection, http), model),
            _ => throw UnknownKind(connection),
        });
    }

    public static IEmbeddingGenerator<string, Embedding<float>> CreateEmbeddings(ProviderConnection connection, string model, HttpClient http)
    {
        Check(connection, model, http);
        return AiTelemetry.Traced(connection.Kind switch
        {
            ProviderKinds.OpenAI or ProviderKinds.OpenAICompatible => OpenAIFor(connection, http).GetEmbeddingClient(model).AsIEmbeddingGenerator(),
            ProviderKinds.Anthropic => throw new NotSupportedException("Anthropic offers no embeddings; choose an openai, openai_compatible or gemini provider for them."),
            ProviderKinds.Gemini => new GeminiEmbeddingGenerator(GeminiFor(connection, http), model),
            _ => throw UnknownKind(connection),
        });
    }

    private static void Check(ProviderConnection connection, string model, HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentNullException.ThrowIfNull(http);
    }

    private static OpenAIClient OpenAIFor(ProviderConnection connection, HttpClient http)
    {
        var compatible = connection.Kind == ProviderKinds.OpenAICompatible;
        if (compatible && connection.BaseUrl is null)
        {
            throw new ArgumentException("An openai_compatible provider needs a base URL.", nameof(connection));
        }
        var options = new OpenAIClientOptions
        {
            Endpoint = connection.BaseUrl ?? OpenAIDefault,
            Transport = new HttpClientPipelineTransport(http),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = Timeout.InfiniteTimeSpan,
        };
        // The SDK insists on a key; servers that take none (Ollama, vLLM, LM Studio) ignore the header.
        var key = compatible && string.IsNullOrEmpty(connection.ApiKey) ? KeylessPlaceholder : KeyOf(connection);
        return new OpenAIClient(new ApiKeyCredential(key), options);
    }

    private static AnthropicClient AnthropicFor(ProviderConnection connection, HttpClient http) => new(new ClientOptions
    {
        BaseUrl = (connection.BaseUrl ?? AnthropicDefault).AbsoluteUri.TrimEnd('/'),
        HttpClient = http,
        // An explicit key also keeps the SDK from reading credentials from the environment or a profile.
        ApiKey = KeyOf(connection),
        MaxRetries = 0,
        Timeout = Timeout.InfiniteTimeSpan,
    });

    private static GeminiApi GeminiFor(ProviderConnection connection, HttpClient http) =>
        new(http, connection.BaseUrl ?? GeminiDefault, KeyOf(connection));

    private static string KeyOf(ProviderConnection connection) =>
        string.IsNullOrEmpty(connection.ApiKey)
            ? throw new ArgumentException($"A {connection.Kind} provider needs an API key.", nameof(connection))
            : connection.ApiKey;

    private static ArgumentException UnknownKind(ProviderConnection connection) =>
        new($"'{connection.Kind}' is not a provider kind Weft speaks ({string.Join(", ", ProviderKinds.All)}).", nameof(connection));
}
