using Weft.AI.Runs;

namespace Weft.AI.Tests;

/// <summary>A call's cost from its tokens and the model's prices, against figures worked out by hand.</summary>
public sealed class CostingCalls
{
    // gpt-4o-mini's list prices: $0.15 input, $0.60 output, $0.075 cached input per million tokens.
    private static readonly ModelPrices Mini = new(0.15m, 0.60m, 0.075m);

    [Theory]
    // 1,000,000 input tokens, none cached, no output: exactly the input price.
    [InlineData(1_000_000, 0, 0, "0.15")]
    // 12,000 in (4,000 of them cached), 800 out: 8,000 × 0.15 + 4,000 × 0.075 + 800 × 0.60 = 1,200 + 300 + 480 = 1,980 µ$·M → $0.00198.
    [InlineData(12_000, 800, 4_000, "0.00198")]
    // One token each way: (0.15 + 0.60) / 1,000,000.
    [InlineData(1, 1, 0, "0.00000075")]
    // Nothing used, nothing paid.
    [InlineData(0, 0, 0, "0")]
    // A provider that reports more cached tokens than input: all input at the cached price, none twice.
    [InlineData(100, 0, 250, "0.0000075")]
    public void A_calls_cost_is_its_tokens_at_the_models_prices(long input, long output, long cached, string dollars)
    {
        Mini.CostOf(new TokenUsage(input, output, cached)).ShouldBe(decimal.Parse(dollars, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_runs_usage_adds_up_its_calls()
    {
        var run = new TokenUsage(1_000, 200, 0) + new TokenUsage(3_000, 100, 2_000);
        run.ShouldBe(new TokenUsage(4_000, 300, 2_000));
        // Claude Sonnet 4.5: $3 in, $15 out, $0.30 cached: 2,000 × 3 + 2,000 × 0.30 + 300 × 15 = 6,000 + 600 + 4,500 = 11,100 → $0.0111.
        new ModelPrices(3m, 15m, 0.30m).CostOf(run).ShouldBe(0.0111m);
    }
}
