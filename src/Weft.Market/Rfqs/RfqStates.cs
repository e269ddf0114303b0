namespace Weft.Market.Rfqs;

/// <summary>An RFQ's states: quoting is open until its deadline, closed then (the buyer compares), awarded, lapsed unawarded, or cancelled by its buyer before an award.</summary>
public static class RfqStates
{
    public const string Open = "open";
    public const string Closed = "closed";
    public const string Awarded = "awarded";
    public const string Lapsed = "lapsed";
    public const string Cancelled = "cancelled";

    public static IReadOnlyList<string> All { get; } = [Open, Closed, Awarded, Lapsed, Cancelled];
}

/// <summary>A quote's states: submitted (replaceable while quoting is open), then awarded (in full or part), lost, or cancelled with its RFQ.</summary>
public static class QuoteStates
{
    public const string Submitted = "submitted";
    public const string Awarded = "awarded";
    public const string Lost = "lost";
    public const string Cancelled = "cancelled";
}
