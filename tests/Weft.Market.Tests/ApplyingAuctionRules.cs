using Weft.Market.Auctions;

namespace Weft.Market.Tests;

/// <summary>The auction rules, table by table: each row is one auction state, one bid and what must come of it.</summary>
public sealed class ApplyingAuctionRules
{
    private static readonly DateTime Start = new(2026, 12, 5, 10, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime End = Start.AddMinutes(30);

    private static AuctionTerms Terms(string kind = AuctionKinds.Reverse, string format = AuctionFormats.English, decimal? stepAmount = 100m,
        decimal? stepPercent = null, decimal? reserve = null, int within = 60, int by = 120) =>
        new(kind, format, 20_000m, stepAmount, stepPercent, reserve, within, by);

    [Theory]
    // kind, best so far, step amount, step %, bid, accepted, code
    [InlineData("reverse", null, "100", null, "20000", true, null)]              // the first bid may equal the starting price
    [InlineData("reverse", null, "100", null, "20000.01", false, "bid_too_high")] // but not exceed it
    [InlineData("reverse", "19000", "100", null, "18900", true, null)]             // exactly one step below the best
    [InlineData("reverse", "19000", "100", null, "18900.01", false, "bid_too_high")]
    [InlineData("reverse", "19000", "100", null, "19000", false, "bid_too_high")] // a tie with the best is no improvement
    [InlineData("reverse", "19000", null, "0.5", "18905", true, null)]            // 0.5 % of 19,000 is 95
    [InlineData("reverse", "19000", null, "0.5", "18905.01", false, "bid_too_high")]
    [InlineData("forward", null, "100", null, "20000", true, null)]
    [InlineData("forward", null, "100", null, "19999.99", false, "bid_too_low")]
    [InlineData("forward", "21000", "100", null, "21100", true, null)]
    [InlineData("forward", "21000", "100", null, "21099.99", false, "bid_too_low")]
    [InlineData("forward", "21000", null, "1", "21210", true, null)]               // 1 % of 21,000 is 210
    [InlineData("forward", "21000", null, "1", "21209", false, "bid_too_low")]
    [InlineData("reverse", null, "100", null, "0", false, "bid_invalid")]
    [InlineData("reverse", null, "100", null, "-5", false, "bid_invalid")]
    [InlineData("reverse", null, "100", null, "19999.12345", false, "bid_invalid")]
    public void A_bid_must_beat_the_best_by_the_minimum_step(string kind, string? best, string? stepAmount, string? stepPercent, string price, bool accepted, string? code)
    {
        var terms = Terms(kind, stepAmount: Number(stepAmount), stepPercent: Number(stepPercent));
        var verdict = AuctionRules.Check(terms, new LadderState(Number(best), Start, End, false), Number(price)!.Value, Start.AddMinutes(5));
        verdict.Accepted.ShouldBe(accepted);
        verdict.Code.ShouldBe(code);
        verdict.Extended.ShouldBeFalse();
    }

    private static decimal? Number(string? text) => text is null ? null : decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    // seconds after the start of a 30-minute auction, closed flag, code
    [InlineData(-1, false, "auction_not_started")]
    [InlineData(0, false, null)]
    [InlineData(1799, false, null)]
    [InlineData(1800, false, "auction_closed")] // the end itself is after the close
    [InlineData(2000, false, "auction_closed")]
    [InlineData(60, true, "auction_closed")]    // closed by the engine, whatever the clock says
    public void A_bid_counts_only_while_the_auction_is_open(int second, bool closed, string? code)
    {
        var verdict = AuctionRules.Check(Terms(within: 0), new LadderState(null, Start, End, closed), 19_000m, Start.AddSeconds(second));
        verdict.Code.ShouldBe(code);
        verdict.Accepted.ShouldBe(code is null);
    }

    [Fact]
    public void Late_bids_extend_the_end_again_and_again()
    {
        var terms = Terms(within: 60, by: 120);
        var ends = End;
        decimal best = 20_000m;
        // Each row: seconds before the current end that the bid comes; whether it extends.
        (int BeforeEnd, bool Extends)[] bids = [(300, false), (61, false), (60, true), (10, true), (1, true), (119, false), (59, true)];
        foreach (var (beforeEnd, extends) in bids)
        {
            var at = ends.AddSeconds(-beforeEnd);
            var verdict = AuctionRules.Check(terms, new LadderState(best, Start, ends, false), best - 100m, at);
            verdict.Accepted.ShouldBeTrue();
            verdict.Extended.ShouldBe(extends);
            verdict.EndsAt.ShouldBe(extends ? ends.AddSeconds(120) : ends);
            ends = verdict.EndsAt;
            best -= 100m;
        }
        ends.ShouldBe(End.AddSeconds(4 * 120));
        // Sealed auctions and auctions without the rule never move.
        AuctionRules.Check(Terms(format: AuctionFormats.SealedFirstPrice), new LadderState(null, Start, End, false), 19_000m, End.AddSeconds(-5)).Extended.ShouldBeFalse();
        AuctionRules.Check(Terms(within: 0), new LadderState(null, Start, End, false), 19_000m, End.AddSeconds(-5)).Extended.ShouldBeFalse();
    }

    [Fact]
    public void Equal_bids_rank_by_arrival_and_each_bidder_counts_once()
    {
        var ranking = AuctionRules.Rank(Terms(format: AuctionFormats.SealedFirstPrice),
        [
            new RankedBid(1, 1, Bidder: 10, 18_000m),
            new RankedBid(2, 2, Bidder: 11, 17_500m),
            new RankedBid(3, 3, Bidder: 12, 17_500m),
            new RankedBid(4, 4, Bidder: 10, 17_000m),
        ]);
        ranking.Select(b => b.Bidder).ShouldBe([10L, 11L, 12L]);
        ranking[0].Price.ShouldBe(17_000m);
        AuctionRules.Rank(Terms(kind: AuctionKinds.Forward), [new RankedBid(1, 1, 10, 5m), new RankedBid(2, 2, 11, 5m)]).First().Bidder.ShouldBe(10);
    }

    [Theory]
    // kind, format, reserve, bids (bidder:price, in arrival order), outcome, winner, clearing price
    [InlineData("reverse", "english", null, "1:19000,2:18900,3:18800", "awarded", 3, 18800)]
    [InlineData("reverse", "english", 18500, "1:19000,2:18900", "reserve_not_met", null, null)]
    [InlineData("reverse", "english", 18900, "1:19000,2:18900", "awarded", 2, 18900)] // meeting the reserve exactly is enough
    [InlineData("forward", "english", 21000, "1:20500,2:20900", "reserve_not_met", null, null)]
    [InlineData("reverse", "english", null, "", "no_bids", null, null)]
    [InlineData("reverse", "sealed_first_price", null, "1:18000,2:17500,3:17900", "awarded", 2, 17500)]
    [InlineData("reverse", "sealed_second_price", null, "1:18000,2:17500,3:17900", "awarded", 2, 17900)] // the runner-up's price
    [InlineData("reverse", "sealed_second_price", 17700, "1:18000,2:17500,3:17900", "awarded", 2, 17700)] // bounded by the reserve
    [InlineData("reverse", "sealed_second_price", 17800, "2:17500", "awarded", 2, 17800)] // alone: the reserve is the runner-up
    [InlineData("reverse", "sealed_second_price", null, "2:17500", "awarded", 2, 17500)]
    [InlineData("reverse", "sealed_second_price", null, "1:17500,2:17500", "awarded", 1, 17500)] // a tie: the first to arrive wins at the tied price
    [InlineData("forward", "sealed_second_price", null, "1:21000,2:22000,3:21500", "awarded", 2, 21500)]
    [InlineData("forward", "sealed_second_price", 21800, "1:21000,2:22000,3:21500", "awarded", 2, 21800)]
    public void The_close_picks_the_winner_and_the_price(string kind, string format, int? reserve, string bids, string outcome, int? winner, int? clearing)
    {
        var terms = Terms(kind, format, reserve: (decimal?)reserve);
        var parsed = bids.Length == 0 ? [] : bids.Split(',').Select((b, i) =>
        {
            var parts = b.Split(':');
            return new RankedBid(i + 1, i + 1, long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        }).ToList();
        var result = AuctionRules.Close(terms, parsed);
        result.Outcome.ShouldBe(outcome);
        ((int?)result.Winner?.Bidder).ShouldBe(winner);
        if (winner is null) result.Winner.ShouldBeNull();
        result.ClearingPrice.ShouldBe((decimal?)clearing);
    }
}
