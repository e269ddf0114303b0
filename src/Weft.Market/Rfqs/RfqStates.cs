namespace Weft.Market.Rfqs;

/// <summary>An RFQ's states: quoting is open until its deadline, closed then (the buyer compares), awarded, or lapsed unawarded.</summary>
public static class RfqStates
{
    public const string Open = "open";
    public const string Closed = "closed";
    public const string Awarded = "awarded";
    public const string Lapsed = "lapsed";

    public static IReadOnlyList<string> All { get; } = [Open, Closed, Awarded, Lapsed];
}

/// <summary>A quote's states: submitted (replaceable while quoting is open), then awarded (in full or part) or lost.</summary>
public static class QuoteStates
{
    public const string Submitted = "submitted";
    public const string Awarded = "awarded";
    public const string Lost = "lost";
}
