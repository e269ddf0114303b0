namespace Weft.Market.Rfqs;

/// <summary>The tables whose changes the RFQ pages show.</summary>
internal static class RfqTables
{
    public static IReadOnlyCollection<string> All { get; } =
    [
        "market_rfqs", "market_rfq_lines", "market_rfq_invitations", "market_rfq_questions", "market_quotes", "market_quote_lines", "market_rfq_awards", "market_rfq_files",
        "market_notices", "market_freight_rates", "market_currency_rates",
    ];
}
