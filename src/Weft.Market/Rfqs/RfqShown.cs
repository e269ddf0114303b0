using System.Globalization;

namespace Weft.Market.Rfqs;

/// <summary>How the RFQ pages write amounts, quantities and materials.</summary>
internal static class RfqShown
{
    public static string Money(decimal? amount) => amount is { } a ? a.ToString("#,0.00", CultureInfo.InvariantCulture) : "—";

    public static string Quantity(decimal quantity) => quantity.ToString("#,0.###", CultureInfo.InvariantCulture);

    public static string Material(string key) => TradeTerms.Materials.GetValueOrDefault(key, key);

    public static string Day(DateTime at) => at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string State(string state) => char.ToUpperInvariant(state[0]) + state[1..];
}
