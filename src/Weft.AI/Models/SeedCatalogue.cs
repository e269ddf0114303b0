using Weft.AI.Providers;

namespace Weft.AI.Models;

/// <summary>
/// The models a tenant's catalogue starts with: the vendors' common models at their published list prices (US dollars
/// per million tokens; standard tier, prompts up to 200,000 tokens), as a tenant would type them in. Prices change:
/// the catalogue is the tenant's to edit, and a run is costed at the prices of the moment it ran.
/// </summary>
internal static class SeedCatalogue
{
    public static readonly IReadOnlyList<CreateModelRequest> Models =
    [
        Chat(ProviderKinds.OpenAI, "gpt-5", 400_000, 1.25m, 10.00m, 0.125m),
        Chat(ProviderKinds.OpenAI, "gpt-5-mini", 400_000, 0.25m, 2.00m, 0.025m),
        Chat(ProviderKinds.OpenAI, "gpt-5-nano", 400_000, 0.05m, 0.40m, 0.005m),
        Chat(ProviderKinds.OpenAI, "gpt-4.1", 1_047_576, 2.00m, 8.00m, 0.50m),
        Chat(ProviderKinds.OpenAI, "gpt-4.1-mini", 1_047_576, 0.40m, 1.60m, 0.10m),
        Chat(ProviderKinds.OpenAI, "gpt-4o", 128_000, 2.50m, 10.00m, 1.25m),
        Chat(ProviderKinds.OpenAI, "gpt-4o-mini", 128_000, 0.15m, 0.60m, 0.075m),
        Embeddings(ProviderKinds.OpenAI, "text-embedding-3-small", 8_191, 0.02m),
        Embeddings(ProviderKinds.OpenAI, "text-embedding-3-large", 8_191, 0.13m),
        Chat(ProviderKinds.Anthropic, "claude-opus-4-1", 200_000, 15.00m, 75.00m, 1.50m),
        Chat(ProviderKinds.Anthropic, "claude-sonnet-4-5", 200_000, 3.00m, 15.00m, 0.30m),
        Chat(ProviderKinds.Anthropic, "claude-haiku-4-5", 200_000, 1.00m, 5.00m, 0.10m),
        Chat(ProviderKinds.Gemini, "gemini-2.5-pro", 1_048_576, 1.25m, 10.00m, 0.125m),
        Chat(ProviderKinds.Gemini, "gemini-2.5-flash", 1_048_576, 0.30m, 2.50m, 0.03m),
        Chat(ProviderKinds.Gemini, "gemini-2.5-flash-lite", 1_048_576, 0.10m, 0.40m, 0.01m),
        Embeddings(ProviderKinds.Gemini, "gemini-embedding-001", 2_048, 0.15m),
    ];

    private static CreateModelRequest Chat(string kind, string key, int context, decimal input, decimal output, decimal cached) =>
        new(key, kind, null, key, ModelPurposes.Chat, context, input, output, cached);

    private static CreateModelRequest Embeddings(string kind, string key, int context, decimal input) =>
        new(key, kind, null, key, ModelPurposes.Embeddings, context, input, 0m, 0m);
}
