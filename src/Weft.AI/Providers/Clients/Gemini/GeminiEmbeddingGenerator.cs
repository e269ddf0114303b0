using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Weft.AI.Providers.Clients.Gemini;

// batchEmbedContents rather than embedContent: one request for all the values.
internal sealed class GeminiEmbeddingGenerator(GeminiApi api, string model) : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly EmbeddingGeneratorMetadata metadata = new(GeminiApi.ProviderName, api.BaseUrl, model);

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var modelId = options?.ModelId ?? model;
        var requests = new JsonArray();
        foreach (var value in values)
        {
            var request = new JsonObject
            {
                ["model"] = modelId.StartsWith("models/", StringComparison.Ordinal) ? modelId : $"models/{modelId}",
                ["content"] = new JsonObject { ["parts"] = new JsonArray(new JsonObject { ["text"] = value }) },
            };
            if (options?.Dimensions is { } dimensions) request["outputDimensionality"] = dimensions;
            requests.Add(request);
        }
        if (requests.Count == 0) return [];

        var json = await api.PostAsync(modelId, "batchEmbedContents", new JsonObject { ["requests"] = requests }, cancellationToken);
        var embeddings = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var embedding in json["embeddings"]?.AsArray() ?? [])
        {
            var vector = embedding!["values"]!.AsArray().Select(v => v!.GetValue<float>()).ToArray();
            embeddings.Add(new Embedding<float>(vector) { ModelId = modelId });
        }
        return embeddings;
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null) return null;
        if (serviceType == typeof(EmbeddingGeneratorMetadata)) return metadata;
        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    // The HttpClient belongs to the caller.
    public void Dispose()
    {
    }
}
