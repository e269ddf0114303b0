using static Weft.Commerce.Replenishment.Numbers;

namespace Weft.Commerce.Replenishment;

/// <summary>
/// Turns the quantity a policy wants into one the supplier accepts: up to the minimum order, up to whole packs, and then,
/// when there are price breaks, the cheapest quantity at or above it. Without ordering costs "cheapest" is the purchase
/// itself (100 at the 100-break price can cost less than 90 at the base price); with them it is a year's purchases,
/// orders and holding, the textbook quantity-discount model (each break's first quantity, and each price's EOQ when it
/// falls within its break).
/// </summary>
internal static class OrderQuantity
{
    public static OrderQuantityChoice Apply(decimal wanted, SupplierTerms terms, OrderingCosts? costs = null, bool wholeUnits = true)
    {
        ArgumentNullException.ThrowIfNull(terms);
        Require.NonNegative(wanted, nameof(wanted), "The quantity wanted");
        if (wholeUnits && terms.PackSize != decimal.Truncate(terms.PackSize))
            throw new ArgumentException($"A pack of {terms.PackSize} is not a whole number of units, and the product is counted in units.", nameof(terms));
        if (wholeUnits && terms.MinimumOrder != decimal.Truncate(terms.MinimumOrder))
            throw new ArgumentException($"A minimum order of {terms.MinimumOrder} is not a whole number of units, and the product is counted in units.", nameof(terms));
        var explain = Inputs(wanted, terms, costs);
        if (wanted == 0)
        {
            explain.Rounded("Nothing is wanted, so nothing is ordered: the minimum order applies only to an order that is placed.");
            return new OrderQuantityChoice(0, 0, null, null, [], explain.Build());
        }

        var quantity = Quantities.RoundUp(wanted, wholeUnits);
        explain.Rounded(Quantities.WhyRoundedUp((double)wanted, quantity, wholeUnits));
        if (quantity < terms.MinimumOrder)
        {
            explain.Rounded($"Raised from {Text(quantity)} to {Text(terms.MinimumOrder)}: the supplier's minimum order is {Text(terms.MinimumOrder)}.");
            quantity = terms.MinimumOrder;
        }
        if (terms.PriceBreaks.Count > 0 && quantity < terms.PriceBreaks[0].FromQuantity)
        {
            var first = Quantities.RoundUp(terms.PriceBreaks[0].FromQuantity, wholeUnits);
            explain.Rounded($"Raised from {Text(quantity)} to {Text(first)}: the supplier's prices start at {Text(first)}.");
            quantity = first;
        }
        var packed = Quantities.ToWholePacks(quantity, terms.PackSize);
        if (packed != quantity)
        {
            explain.Rounded($"Rounded up from {Text(quantity)} to {Text(packed)}: the supplier sells packs of {Text(terms.PackSize)} "
                + $"({Text(packed / terms.PackSize)} packs).");
            quantity = packed;
        }
        if (terms.PriceBreaks.Count == 0) return new OrderQuantityChoice(wanted, quantity, null, null, [], explain.Build());

        var candidates = Candidates(quantity, terms, costs, wholeUnits)
            .Select(q => Cost(explain, q, terms, costs))
            .OrderBy(c => c.Cost).ThenBy(c => c.Quantity)
            .ToList();
        var best = candidates[0];
        if (best.Quantity != quantity) explain.Rounded(WhyRaised(quantity, best, candidates, terms, costs));
        return new OrderQuantityChoice(wanted, best.Quantity, best.UnitPrice, best.Cost, candidates, explain.Build());
    }

    /// <summary>The quantity the constraints reached, each break's first acceptable quantity above it, and each price's EOQ that stays within its break.</summary>
    private static SortedSet<decimal> Candidates(decimal least, SupplierTerms terms, OrderingCosts? costs, bool wholeUnits)
    {
        decimal Acceptable(decimal q) => Quantities.ToWholePacks(Quantities.RoundUp(q, wholeUnits), terms.PackSize);
        var quantities = new SortedSet<decimal> { least };
        foreach (var priceBreak in terms.PriceBreaks)
        {
            if (priceBreak.FromQuantity > least) quantities.Add(Acceptable(priceBreak.FromQuantity));
            if (costs is null) continue;
            var holding = costs.Holding.PerUnitAt(priceBreak.UnitPrice);
            var eoq = Acceptable(Quantities.RoundUp(Math.Sqrt((double)(2 * costs.AnnualDemand * costs.CostPerOrder / holding)), wholeUnits));
            if (eoq >= least && terms.BreakFor(eoq) == priceBreak) quantities.Add(eoq);
        }
        return quantities;
    }

    private static OrderCandidate Cost(ExplanationBuilder explain, decimal quantity, SupplierTerms terms, OrderingCosts? costs)
    {
        var price = terms.BreakFor(quantity)!.UnitPrice;
        if (costs is null)
        {
            var purchase = quantity * price;
            explain.Step($"Buy {Text(quantity)} at {Money(price)}", "Q × p", $"{Text(quantity)} × {Money(price)}", Money(purchase));
            return new OrderCandidate(quantity, price, purchase);
        }
        var (annual, perOrder, holding) = (costs.AnnualDemand, costs.CostPerOrder, costs.Holding.PerUnitAt(price));
        var total = annual * price + annual / quantity * perOrder + quantity / 2 * holding;
        explain.Step($"Order {Text(quantity)} at {Money(price)}", "TC = D·p + D/Q·S + Q/2·H",
            $"{Text(annual)} × {Money(price)} + {Text(annual)} / {Text(quantity)} × {Money(perOrder)} + {Text(quantity)} / 2 × {Text(holding)}", Money(total));
        return new OrderCandidate(quantity, price, total);
    }

    private static string WhyRaised(decimal from, OrderCandidate best, IReadOnlyList<OrderCandidate> candidates, SupplierTerms terms, OrderingCosts? costs)
    {
        var atFrom = candidates.Single(c => c.Quantity == from);
        var priceBreak = terms.BreakFor(best.Quantity)!;
        var why = best.UnitPrice < atFrom.UnitPrice
            ? $"for the price break at {Text(priceBreak.FromQuantity)} ({Money(best.UnitPrice)} a unit instead of {Money(atFrom.UnitPrice)})"
            : $"the economic order quantity at {Money(best.UnitPrice)} a unit";
        var comparison = costs is null
            ? $"{Text(best.Quantity)} × {Money(best.UnitPrice)} = {Money(best.Cost)} costs less than {Text(from)} × {Money(atFrom.UnitPrice)} = {Money(atFrom.Cost)}"
            : $"a year of orders costs {Money(best.Cost)} against {Money(atFrom.Cost)} at {Text(from)}";
        return $"Raised from {Text(from)} to {Text(best.Quantity)}, {why}: {comparison}.";
    }

    private static ExplanationBuilder Inputs(decimal wanted, SupplierTerms terms, OrderingCosts? costs)
    {
        var explain = new ExplanationBuilder().Input("wanted", "the quantity the policy asked for", Text(wanted));
        if (terms.MinimumOrder > 0) explain.Input("MOQ", "the supplier's minimum order", Text(terms.MinimumOrder));
        if (terms.PackSize > 0) explain.Input("pack", "units in the supplier's pack", Text(terms.PackSize));
        if (terms.PriceBreaks.Count > 0)
            explain.Input("p", "unit price by quantity ordered", string.Join("; ", terms.PriceBreaks.Select(b => $"from {Text(b.FromQuantity)}: {Money(b.UnitPrice)}")));
        if (costs is null) return explain;
        explain.Input("D", "demand per year", Text(costs.AnnualDemand)).Input("S", "cost of placing one order", Money(costs.CostPerOrder));
        return costs.Holding.IsRate
            ? explain.Input("H", "holding cost per unit per year, as a share of its price", $"{Text(costs.Holding.RateOfPrice)} × p")
            : explain.Input("H", "holding cost per unit per year", Text(costs.Holding.PerUnitPerYear));
    }
}
