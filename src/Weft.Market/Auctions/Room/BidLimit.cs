using System.Globalization;

namespace Weft.Market.Auctions.Room;

/// <summary>What a bid must beat, as far as the bidder can see it: the rules' limit from the best price when it is shown, else the starting price and the step.</summary>
internal static class BidLimit
{
    public static string Describe(AuctionDto a)
    {
        var reverse = a.Kind == AuctionKinds.Reverse;
        var bound = reverse ? "at most" : "at least";
        var terms = Auctions.TermsOf(a);
        if (AuctionFormats.IsSealed(a.Format))
            return $"A sealed bid is {bound} the starting price, {Money(a.StartingPrice)} {a.Currency}; your last bid counts at the close.";
        if (a.BidCount == 0 || (a.BestPrice is null && a.Mine?.Bidders == 0))
            return $"The first bid is {bound} the starting price, {Money(a.StartingPrice)} {a.Currency}.";
        if (a.BestPrice is { } best)
        {
            var step = AuctionRules.Step(terms, best);
            return $"It must be {bound} {Money(reverse ? best - step : best + step)} {a.Currency}: the best bid, {Money(best)}, {(reverse ? "less" : "plus")} the minimum step of {Money(step)}.";
        }
        var stepText = a.StepAmount is { } amount ? Money(amount) + " " + a.Currency : a.StepPercent?.ToString("0.##", CultureInfo.InvariantCulture) + "%";
        return $"It must be {bound} the starting price, {Money(a.StartingPrice)} {a.Currency}, and beat the best bid (which this auction does not show) by {stepText}.";
    }

    public static string Money(decimal value) => value.ToString("N2", CultureInfo.InvariantCulture);
}
