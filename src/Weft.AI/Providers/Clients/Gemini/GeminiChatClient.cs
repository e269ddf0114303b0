using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Weft.AI.Providers.Clients.Gemini;

// No Gemini SDK is available to Weft, so it speaks the generateContent REST protocol itself.
internal sealed class GeminiChatClient(GeminiApi api, string model) : IChatClient
{
    private readonly ChatClientMetadata metadata = new(GeminiApi.ProviderName, api.BaseUrl, model);

    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var modelId = options?.ModelId ?? model;
        var json = await api.PostAsync(modelId, "generateContent", GeminiRequests.For(messages, options), cancellationToken);
        return GeminiResponses.ToResponse(json, modelId);
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var modelId = options?.ModelId ?? model;
        var calledFunctions = false;
        ChatResponseUpdate? last = null;
        UsageDetails? usage = null;
        await foreach (var chunk in api.StreamAsync(modelId, GeminiRequests.For(messages, options), cancellationToken))
        {
            var contents = GeminiResponses.ContentsOf(chunk);
            calledFunctions |= contents.OfType<FunctionCallContent>().Any();
            // Every chunk repeats the running usage; only the last one is the whole.
            usage = GeminiResponses.UsageOf(chunk["usageMetadata"]) ?? usage;
            last = GeminiResponses.ToUpdate(chunk, modelId, contents, calledFunctions);
            yield return last;
        }
        if (usage is not null)
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(usage)])
            {
                ResponseId = last?.ResponseId,
                MessageId = last?.MessageId,
                ModelId = last?.ModelId ?? modelId,
            };
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null) return null;
        if (serviceType == typeof(ChatClientMetadata)) return metadata;
        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    // The HttpClient belongs to the caller.
    public void Dispose()
    {
    }
}
