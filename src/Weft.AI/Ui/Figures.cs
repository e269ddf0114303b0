using System.Globalization;
using Weft.AI.Runs;

namespace Weft.AI.Ui;

/// <summary>How the AI pages write numbers: prices in dollars with the decimals they have, token counts grouped by thousands.</summary>
internal static class Figures
{
    /// <summary>US dollars per million tokens, with two to six decimals (<c>$0.075</c>, <c>$10.00</c>).</summary>
    public static string Dollars(decimal price) => price.ToString("$#,##0.00####", CultureInfo.InvariantCulture);

    /// <summary>What runs cost, with two to eight decimals: one run often costs a fraction of a cent (<c>$0.00575</c>).</summary>
    public static string Cost(decimal cost) => cost.ToString("$#,##0.00######", CultureInfo.InvariantCulture);

    /// <summary>A count of tokens (<c>1,047,576</c>).</summary>
    public static string Tokens(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A run's or a call's tokens: <c>1,200 in (200 cached) · 300 out</c>.</summary>
    public static string Usage(TokenUsage usage) =>
        $"{Tokens(usage.Input)} in{(usage.CachedInput > 0 ? $" ({Tokens(usage.CachedInput)} cached)" : "")} · {Tokens(usage.Output)} out";

    /// <summary>A duration: milliseconds under a second (<c>850 ms</c>), else seconds with one decimal (<c>2.4 s</c>).</summary>
    public static string Duration(double milliseconds) =>
        milliseconds < 1000
            ? Math.Round(milliseconds).ToString("0", CultureInfo.InvariantCulture) + " ms"
            : (milliseconds / 1000).ToString("#,##0.0", CultureInfo.InvariantCulture) + " s";
}
