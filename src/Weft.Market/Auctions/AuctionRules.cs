using System.Globalization;

namespace Weft.Market.Auctions;

public static class AuctionKinds
{
    /// <summary>A buyer buys: suppliers bid, prices fall, the lowest wins.</summary>
    public const string Reverse = "reverse";
    /// <summary>A supplier sells: buyers bid, prices rise, the highest wins.</summary>
    public const string Forward = "forward";

    public static IReadOnlyList<string> All { get; } = [Reverse, Forward];
}

public static class AuctionFormats
{
    public const string English = "english";
    public const string SealedFirstPrice = "sealed_first_price";
    public const string SealedSecondPrice = "sealed_second_price";

    public static IReadOnlyList<string> All { get; } = [English, SealedFirstPrice, SealedSecondPrice];

    public static bool IsSealed(string format) => format != English;
}

/// <summary>What bidders of an English auction see of the others: their own rank only, or the best price too.</summary>
public static class BidderViews
{
    public const string Rank = "rank";
    public const string BestPrice = "best_price";

    public static IReadOnlyList<string> All { get; } = [Rank, BestPrice];
}

public static class AuctionOutcomes
{
    public const string Awarded = "awarded";
    public const string ReserveNotMet = "reserve_not_met";
    public const string NoBids = "no_bids";
}

/// <summary>An auction's rules: what it was set up with.</summary>
public sealed record AuctionTerms(
    string Kind, string Format, decimal StartingPrice, decimal? StepAmount, decimal? StepPercent, decimal? ReservePrice,
    int ExtendWithinSeconds, int ExtendBySeconds);

/// <summary>Where an auction stands when a bid arrives.</summary>
public sealed record LadderState(decimal? BestPrice, DateTime StartsAt, DateTime EndsAt, bool Closed);

/// <summary>A bid's verdict: accepted (with the auction's end, moved when the bid came late) or refused with a code.</summary>
public sealed record BidVerdict(bool Accepted, string? Code, string? Message, DateTime EndsAt, bool Extended, decimal? Limit)
{
    public static BidVerdict Refuse(string code, string message, DateTime endsAt, decimal? limit = null) => new(false, code, message, endsAt, false, limit);
}

/// <summary>A bid as the close ranks it.</summary>
public sealed record RankedBid(long Id, long Sequence, long Bidder, decimal Price);

/// <summary>How an auction ended: the winner and the price they trade at, or why nobody won.</summary>
public sealed record AuctionResult(string Outcome, RankedBid? Winner, decimal? ClearingPrice, IReadOnlyList<RankedBid> Ranking);

/// <summary>
/// The auction rules, in one place and without side effects, so each is tested by itself (table-driven) and the
/// service only applies them under the auction's lock: a bid's validity (time, starting price, minimum step), the
/// anti-sniping extension, the ranking (price, then arrival), and the close (reserve, first or second price).
/// </summary>
public static class AuctionRules
{
    public const decimal MaxPrice = 1_000_000_000_000m;

    /// <summary>The least an English bid must improve on <paramref name="best"/>: the absolute step, or the percentage of the best price (rounded up to a cent).</summary>
    public static decimal Step(AuctionTerms terms, decimal best) =>
        terms.StepAmount ?? Math.Ceiling(best * (terms.StepPercent ?? 0m) / 100m * 100m) / 100m;

    /// <summary>Whether a bid of <paramref name="price"/> placed at <paramref name="now"/> is accepted, and the auction's end after it.</summary>
    public static BidVerdict Check(AuctionTerms terms, LadderState state, decimal price, DateTime now)
    {
        if (state.Closed || now >= state.EndsAt) return BidVerdict.Refuse("auction_closed", "The auction has closed; no more bids.", state.EndsAt);
        if (now < state.StartsAt)
            return BidVerdict.Refuse("auction_not_started", $"The auction opens at {state.StartsAt.ToString("u", CultureInfo.InvariantCulture)}.", state.EndsAt);
        if (price <= 0 || price > MaxPrice || decimal.Round(price, 4) != price)
            return BidVerdict.Refuse("bid_invalid", "A bid is a positive price with at most four decimals.", state.EndsAt);
        var reverse = terms.Kind == AuctionKinds.Reverse;
        decimal limit;
        if (AuctionFormats.IsSealed(terms.Format) || state.BestPrice is null)
            limit = terms.StartingPrice;
        else
            limit = reverse ? state.BestPrice.Value - Step(terms, state.BestPrice.Value) : state.BestPrice.Value + Step(terms, state.BestPrice.Value);
        if (reverse && price > limit)
            return BidVerdict.Refuse("bid_too_high", state.BestPrice is null || AuctionFormats.IsSealed(terms.Format)
                ? $"A bid is at most the starting price, {Money(limit)}."
                : $"A bid must be at most {Money(limit)}: the best bid less the minimum step.", state.EndsAt, limit);
        if (!reverse && price < limit)
            return BidVerdict.Refuse("bid_too_low", state.BestPrice is null || AuctionFormats.IsSealed(terms.Format)
                ? $"A bid is at least the starting price, {Money(limit)}."
                : $"A bid must be at least {Money(limit)}: the best bid plus the minimum step.", state.EndsAt, limit);
        // A bid in the last N seconds of an English auction pushes its end back by M seconds, again and again.
        if (!AuctionFormats.IsSealed(terms.Format) && terms.ExtendWithinSeconds > 0 && terms.ExtendBySeconds > 0
            && state.EndsAt - now <= TimeSpan.FromSeconds(terms.ExtendWithinSeconds))
            return new BidVerdict(true, null, null, state.EndsAt.AddSeconds(terms.ExtendBySeconds), true, limit);
        return new BidVerdict(true, null, null, state.EndsAt, false, limit);
    }

    /// <summary>
    /// The bids ranked best first: by price (lowest first in a reverse auction), then by arrival, each bidder once (with
    /// its best bid; in a sealed auction the caller passes only each bidder's latest).
    /// </summary>
    public static IReadOnlyList<RankedBid> Rank(AuctionTerms terms, IEnumerable<RankedBid> bids)
    {
        var ordered = terms.Kind == AuctionKinds.Reverse
            ? bids.OrderBy(b => b.Price).ThenBy(b => b.Sequence)
            : bids.OrderByDescending(b => b.Price).ThenBy(b => b.Sequence);
        var seen = new HashSet<long>();
        return ordered.Where(b => seen.Add(b.Bidder)).ToList();
    }

    /// <summary>
    /// The close: the best-ranked bid wins if it meets the reserve. It trades at its own price, or in a second-price
    /// sealed auction at the runner-up's (bounded by the reserve; the winner's own when it had no rival).
    /// </summary>
    public static AuctionResult Close(AuctionTerms terms, IEnumerable<RankedBid> bids)
    {
        var ranking = Rank(terms, bids);
        if (ranking.Count == 0) return new AuctionResult(AuctionOutcomes.NoBids, null, null, ranking);
        var reverse = terms.Kind == AuctionKinds.Reverse;
        var best = ranking[0];
        if (terms.ReservePrice is { } reserve && (reverse ? best.Price > reserve : best.Price < reserve))
            return new AuctionResult(AuctionOutcomes.ReserveNotMet, null, null, ranking);
        var clearing = best.Price;
        if (terms.Format == AuctionFormats.SealedSecondPrice)
        {
            clearing = ranking.Count > 1 ? ranking[1].Price : terms.ReservePrice ?? best.Price;
            if (terms.ReservePrice is { } cap) clearing = reverse ? Math.Min(clearing, cap) : Math.Max(clearing, cap);
        }
        return new AuctionResult(AuctionOutcomes.Awarded, best, clearing, ranking);
    }

    public static string Money(decimal value) => value.ToString("0.00##", CultureInfo.InvariantCulture);
}
