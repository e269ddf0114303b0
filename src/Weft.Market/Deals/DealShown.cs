using System.Globalization;

namespace Weft.Market.Deals;

/// <summary>How the deal pages write ratings and a deal's origin.</summary>
internal static class DealShown
{
    public static string Rating(double? average, int count) => average is { } a
        ? $"{a.ToString("0.0", CultureInfo.InvariantCulture)} of 5 ({count} {(count == 1 ? "review" : "reviews")})"
        : "Not reviewed yet";

    public static string Score(double score) => score.ToString("0.0", CultureInfo.InvariantCulture);

    public static string SourceHref(string source, long id) => source == DealSources.Auction ? $"/market/auctions/{id}" : $"/market/rfqs/{id}";

    public static string State(string state) => state == DealStates.Delivered ? "Delivered" : "Awarded, awaiting delivery";

    /// <summary>The scores a reviewer picks from, best first.</summary>
    public static IReadOnlyList<(int Value, string Name)> Scores { get; } = [(5, "5, excellent"), (4, "4, good"), (3, "3, fair"), (2, "2, poor"), (1, "1, very poor")];
}
