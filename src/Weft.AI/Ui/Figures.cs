using System.Globalization;

namespace Weft.AI.Ui;

/// <summary>How the AI pages write numbers: prices in dollars with the decimals they have, token counts grouped by thousands.</summary>
internal static class Figures
{
    /// <summary>US dollars per million tokens, with two to six decimals (<c>$0.075</c>, <c>$10.00</c>).</summary>
    public static string Dollars(decimal price) => price.ToString("$#,##0.00####", CultureInfo.InvariantCulture);

    /// <summary>A count of tokens (<c>1,047,576</c>).</summary>
    public static string Tokens(int count) => count.ToString("N0", CultureInfo.InvariantCulture);
}
