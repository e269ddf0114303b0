namespace Weft.Market.Rfqs;

/// <summary>The incoterms, units and currencies an RFQ and its quotes are written in.</summary>
public static class TradeTerms
{
    /// <summary>The currency the operator's rates convert to, and every comparison is made in.</summary>
    public const string ReportingCurrency = "USD";

    /// <summary>Terms where the buyer pays the main carriage: the freight table's rate is what the buyer adds to the price.</summary>
    public static IReadOnlyList<string> BuyerCarries { get; } = ["EXW", "FCA", "FAS", "FOB"];

    /// <summary>Terms where the seller pays the main carriage (a freight-table rate, if any, is duties or the last leg).</summary>
    public static IReadOnlyList<string> SellerCarries { get; } = ["CFR", "CIF", "CPT", "CIP", "DAP", "DPU", "DDP"];

    public static IReadOnlyList<string> Incoterms { get; } = [.. BuyerCarries, .. SellerCarries];

    /// <summary>Units of quantity, with how many tonnes one is (freight is per tonne).</summary>
    public static IReadOnlyDictionary<string, decimal> Units { get; } = new Dictionary<string, decimal>(StringComparer.Ordinal) { ["t"] = 1m, ["kg"] = 0.001m };

    /// <summary>The materials traded (lithium carbonate, lithium hydroxide, spodumene concentrate).</summary>
    public static IReadOnlyDictionary<string, string> Materials { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["lithium-carbonate"] = "Lithium carbonate",
        ["lithium-hydroxide"] = "Lithium hydroxide",
        ["spodumene-concentrate"] = "Spodumene concentrate",
    };

    public static bool IsCurrency(string? code) => code is { Length: 3 } && code.All(char.IsAsciiLetterUpper);
}
