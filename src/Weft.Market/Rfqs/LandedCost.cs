using Weft.Market.Persistence;

namespace Weft.Market.Rfqs;

/// <summary>
/// A quote's price made comparable: converted to the reporting currency at the operator's rate, plus the freight the
/// buyer adds per unit by the quote's incoterm (the freight table's rate per tonne from its origin, or the supplier's
/// country, to the RFQ's destination). Terms where the buyer carries need a rate; the seller's terms add one when listed.
/// </summary>
internal sealed class LandedCost(IReadOnlyDictionary<string, decimal> rates, IReadOnlyList<FreightRateRecord> freight)
{
    public const string CurrencyRateMissing = "currency_rate_missing";
    public const string FreightRateMissing = "freight_rate_missing";

    public sealed record Result(decimal? PriceInReporting, decimal? FreightPerUnit, decimal? LandedPerUnit, string? Missing);

    public decimal? Rate(string currency) =>
        currency == TradeTerms.ReportingCurrency ? 1m : rates.TryGetValue(currency, out var rate) ? rate : null;

    public Result Of(decimal price, string currency, string incoterm, string origin, string originCountry, string destination, string unit)
    {
        var rate = Rate(currency);
        var converted = rate is { } r ? Math.Round(price * r, 4) : (decimal?)null;
        var row = freight.FirstOrDefault(f => f.Incoterm == incoterm && f.Destination == destination && f.Origin == origin)
            ?? freight.FirstOrDefault(f => f.Incoterm == incoterm && f.Destination == destination && f.Origin == originCountry);
        decimal? perTonne = row?.PerTonne ?? (TradeTerms.BuyerCarries.Contains(incoterm) ? null : 0m);
        var perUnit = perTonne is { } t ? Math.Round(t * TradeTerms.Units.GetValueOrDefault(unit, 1m), 4) : (decimal?)null;
        var missing = converted is null ? CurrencyRateMissing : perUnit is null ? FreightRateMissing : null;
        return new Result(converted, perUnit, converted + perUnit, missing);
    }
}
