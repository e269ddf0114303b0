namespace Weft.AI.Runs;

/// <summary>A model's prices in US dollars per million tokens, as the catalogue held them when the call was made.</summary>
public sealed record ModelPrices(decimal Input, decimal Output, decimal CachedInput)
{
    private const decimal PerMillion = 1_000_000m;

    /// <summary>
    /// What a call cost: uncached input at the input price, cached input at the cached price, output at the output price.
    /// Providers count cached tokens inside the input (OpenAI's <c>prompt_tokens</c>, Gemini's <c>promptTokenCount</c>),
    /// so they are taken out of it once; a count of cached tokens above the input is held to the input.
    /// </summary>
    public decimal CostOf(TokenUsage usage)
    {
        var cached = Math.Min(Math.Max(usage.CachedInput, 0), Math.Max(usage.Input, 0));
        var uncached = Math.Max(usage.Input, 0) - cached;
        return (uncached * Input + cached * CachedInput + Math.Max(usage.Output, 0) * Output) / PerMillion;
    }
}
