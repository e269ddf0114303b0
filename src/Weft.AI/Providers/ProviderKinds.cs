namespace Weft.AI.Providers;

/// <summary>The protocols Weft speaks to model providers.</summary>
public static class ProviderKinds
{
    /// <summary>OpenAI's own API (chat completions, embeddings), at api.openai.com unless a base URL is given.</summary>
    public const string OpenAI = "openai";

    /// <summary>Anthropic's Messages API, at api.anthropic.com unless a base URL is given.</summary>
    public const string Anthropic = "anthropic";

    /// <summary>Google Gemini's own REST API (<c>generateContent</c>, <c>embedContent</c>).</summary>
    public const string Gemini = "gemini";

    /// <summary>Any server that speaks OpenAI's chat completions protocol: Ollama, vLLM, LM Studio, a LiteLLM proxy. A base URL is required.</summary>
    public const string OpenAICompatible = "openai_compatible";

    public static readonly IReadOnlyList<string> All = [OpenAI, Anthropic, Gemini, OpenAICompatible];
}
