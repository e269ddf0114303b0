using System.Globalization;

namespace Weft.Commerce.Ui;

/// <summary>How the commerce pages write numbers: quantities with the decimals they have, money with two or more.</summary>
internal static class Amounts
{
    public static string Quantity(decimal quantity) => quantity.ToString("#,##0.####", CultureInfo.InvariantCulture);

    public static string Money(decimal amount, string currency) => amount.ToString("#,##0.00####", CultureInfo.InvariantCulture) + " " + currency;

    /// <summary>A measure that may be unknown (<c>—</c>).</summary>
    public static string Measure(decimal? value, string unit) => value is { } v ? v.ToString("#,##0.###", CultureInfo.InvariantCulture) + " " + unit : "—";

    /// <summary>A signed change: <c>+3</c>, <c>−2</c>, <c>0</c>.</summary>
    public static string Variance(decimal variance) =>
        variance > 0 ? "+" + Quantity(variance) : variance < 0 ? "−" + Quantity(-variance) : "0";
}
