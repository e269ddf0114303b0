using static Weft.Commerce.Replenishment.Numbers;

namespace Weft.Commerce.Replenishment;

/// <summary>
/// The replenishment policies of issue 11, each a pure calculation that explains itself: reorder point with safety stock
/// (lead-time variability included), economic order quantity, Odoo's min/max rule with a multiple, and periodic review
/// order-up-to. Statistics are doubles; stock quantities and money are decimals.
/// </summary>
internal static class Policies
{
    /// <summary>Reorder when the inventory position falls to d·L + z·σDL, with σDL = √(L·σd² + d²·σL²).</summary>
    public static ReorderPointSuggestion ReorderPoint(DemandStats demand, LeadTime leadTime, double serviceLevel, bool wholeUnits = true)
    {
        ArgumentNullException.ThrowIfNull(demand);
        ArgumentNullException.ThrowIfNull(leadTime);
        var z = ServiceLevels.Z(serviceLevel);
        var (d, l) = (demand.Mean, leadTime.Days);
        var explain = DemandInputs(demand, leadTime, serviceLevel);

        ZStep(explain, serviceLevel, z);
        var demandDuring = d * l;
        explain.Step("Demand during the lead time", "d × L", $"{Text(d)} × {Text(l)}", Text(demandDuring));
        var deviation = Deviation(explain, "σDL", "L", l, demand, leadTime);
        var safety = z * deviation;
        explain.Step("Safety stock", "SS = z × σDL", $"{Text(z)} × {Text(deviation)}", Text(safety));
        var reorderPoint = demandDuring + safety;
        explain.Step("Reorder point", "ROP = d × L + SS", $"{Text(demandDuring)} + {Text(safety)}", Text(reorderPoint));
        var level = Quantities.RoundUp(reorderPoint, wholeUnits);
        explain.Rounded(Quantities.WhyRoundedUp(reorderPoint, level, wholeUnits));
        return new ReorderPointSuggestion(z, demandDuring, deviation, safety, reorderPoint, level, explain.Build());
    }

    /// <summary>Order √(2·D·S/H) each time: the quantity at which a year's ordering and holding costs are equal and their sum least.</summary>
    public static EoqSuggestion Eoq(OrderingCosts costs, decimal? unitCost = null, bool wholeUnits = true)
    {
        ArgumentNullException.ThrowIfNull(costs);
        var (annual, perOrder) = (costs.AnnualDemand, costs.CostPerOrder);
        var explain = new ExplanationBuilder()
            .Input("D", "demand per year", Text(annual))
            .Input("S", "cost of placing one order", Money(perOrder));
        var holding = costs.Holding.PerUnitAt(unitCost);
        if (costs.Holding.IsRate)
        {
            explain.Input("i", "holding cost per year as a share of the unit cost", Text(costs.Holding.RateOfPrice)).Input("C", "unit cost", Money(unitCost!.Value));
            explain.Step("Holding cost per unit per year", "H = i × C", $"{Text(costs.Holding.RateOfPrice)} × {Money(unitCost.Value)}", Text(holding));
        }
        else explain.Input("H", "holding cost per unit per year", Text(holding));

        var eoq = Math.Sqrt((double)(2 * annual * perOrder / holding));
        explain.Step("Economic order quantity", "EOQ = √(2·D·S / H)", $"√(2 × {Text(annual)} × {Text(perOrder)} / {Text(holding)})", Text(eoq));
        var quantity = Quantities.RoundUp(eoq, wholeUnits);
        explain.Rounded(Quantities.WhyRoundedUp(eoq, quantity, wholeUnits));

        var orders = annual / quantity;
        explain.Step("Orders per year", "N = D / Q", $"{Text(annual)} / {Text(quantity)}", Text(orders));
        var ordering = orders * perOrder;
        explain.Step("Ordering cost per year", "N × S", $"{Text(orders)} × {Money(perOrder)}", Money(ordering));
        var holdingCost = quantity / 2 * holding;
        explain.Step("Holding cost per year", "Q / 2 × H", $"{Text(quantity)} / 2 × {Text(holding)}", Money(holdingCost));
        var total = ordering + holdingCost;
        explain.Step("Total cost per year", "TC = D/Q·S + Q/2·H", $"{Money(ordering)} + {Money(holdingCost)}", Money(total));
        return new EoqSuggestion(eoq, quantity, holding, orders, ordering, holdingCost, total, explain.Build());
    }

    /// <summary>
    /// Odoo's reordering rule: when the forecast (on hand + incoming − outgoing) is at or below the minimum, order what
    /// brings it to the maximum, rounded up to a whole number of the rule's multiple.
    /// </summary>
    public static MinMaxSuggestion MinMax(MinMaxRule rule, StockPosition stock, bool wholeUnits = true)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(stock);
        if (wholeUnits && rule.Multiple != decimal.Truncate(rule.Multiple))
            throw new ArgumentException($"A multiple of {rule.Multiple} is not a whole number of units, and the product is counted in units.", nameof(rule));
        var explain = new ExplanationBuilder()
            .Input("min", "the rule triggers when the forecast falls to this", Text(rule.Min))
            .Input("max", "the rule orders up to this", Text(rule.Max))
            .Input("multiple", "the rule orders in whole multiples of this (0: none)", Text(rule.Multiple));
        var forecast = Forecast(explain, stock, "forecast");

        var triggered = forecast <= rule.Min;
        explain.Step("Does the rule trigger?", "forecast ≤ min", $"{Text(forecast)} ≤ {Text(rule.Min)}", triggered ? "yes" : "no: nothing to order");
        if (!triggered) return new MinMaxSuggestion(forecast, false, 0, 0, explain.Build());

        var needed = rule.Max - forecast;
        explain.Step("Quantity to reach the max", "max − forecast", $"{Text(rule.Max)} − {Text(forecast)}", Text(needed));
        var quantity = Quantities.RoundUp(needed, wholeUnits);
        explain.Rounded(Quantities.WhyRoundedUp((double)needed, quantity, wholeUnits));
        if (rule.Multiple > 0 && quantity % rule.Multiple != 0)
        {
            var multiples = decimal.Ceiling(quantity / rule.Multiple);
            var rounded = multiples * rule.Multiple;
            explain.Step("Rounded up to the multiple", "⌈Q / multiple⌉ × multiple", $"⌈{Text(quantity)} / {Text(rule.Multiple)}⌉ × {Text(rule.Multiple)}", Text(rounded));
            explain.Rounded($"Rounded up from {Text(quantity)} to {Text(rounded)} ({Text(multiples)} × {Text(rule.Multiple)}): the rule orders in multiples of "
                + $"{Text(rule.Multiple)}, so the forecast will reach {Text(forecast + rounded)}, {Text(forecast + rounded - rule.Max)} above the max.");
            quantity = rounded;
        }
        return new MinMaxSuggestion(forecast, true, needed, quantity, explain.Build());
    }

    /// <summary>
    /// Periodic review: every R days, order what brings the inventory position up to S = d·(R+L) + z·σ(R+L), with
    /// σ(R+L) = √((R+L)·σd² + d²·σL²), since an order placed now must cover demand until the next order arrives.
    /// </summary>
    public static OrderUpToSuggestion OrderUpTo(
        DemandStats demand, LeadTime leadTime, double reviewDays, double serviceLevel, StockPosition stock, bool wholeUnits = true)
    {
        ArgumentNullException.ThrowIfNull(demand);
        ArgumentNullException.ThrowIfNull(leadTime);
        ArgumentNullException.ThrowIfNull(stock);
        Require.Positive(reviewDays, nameof(reviewDays), "The review period in days");
        var z = ServiceLevels.Z(serviceLevel);
        var explain = DemandInputs(demand, leadTime, serviceLevel).Input("R", "days between reviews", Text(reviewDays));

        ZStep(explain, serviceLevel, z);
        var protection = reviewDays + leadTime.Days;
        explain.Step("Protection interval", "R + L", $"{Text(reviewDays)} + {Text(leadTime.Days)}", Text(protection) + " days");
        var demandOver = demand.Mean * protection;
        explain.Step("Demand over R + L", "d × (R + L)", $"{Text(demand.Mean)} × {Text(protection)}", Text(demandOver));
        var deviation = Deviation(explain, "σ(R+L)", "(R + L)", protection, demand, leadTime);
        var safety = z * deviation;
        explain.Step("Safety stock", "SS = z × σ(R+L)", $"{Text(z)} × {Text(deviation)}", Text(safety));
        var level = demandOver + safety;
        explain.Step("Order-up-to level", "S = d × (R + L) + SS", $"{Text(demandOver)} + {Text(safety)}", Text(level));
        var position = Forecast(explain, stock, "IP");

        var needed = level - (double)position;
        explain.Step("Order", "Q = S − IP", $"{Text(level)} − {Text(position)}", needed > 0 ? Text(needed) : $"{Text(needed)}: the position is at or above S, nothing to order");
        var quantity = Quantities.RoundUp(needed, wholeUnits);
        explain.Rounded(Quantities.WhyRoundedUp(needed, quantity, wholeUnits));
        return new OrderUpToSuggestion(z, demandOver, deviation, safety, level, position, needed, quantity, explain.Build());
    }

    private static ExplanationBuilder DemandInputs(DemandStats demand, LeadTime leadTime, double serviceLevel) => new ExplanationBuilder()
        .Input("d", demand.MeanSource, Text(demand.Mean))
        .Input("σd", demand.DeviationSource, Text(demand.StandardDeviation))
        .Input("L", "lead time in days", Text(leadTime.Days))
        .Input("σL", "standard deviation of the lead time in days", Text(leadTime.StandardDeviationDays))
        .Input("service level", "the chance of not running out before an order arrives", Percent(serviceLevel));

    private static void ZStep(ExplanationBuilder explain, double serviceLevel, double z) =>
        explain.Step("z for the service level", "z = Φ⁻¹(service level)", $"Φ⁻¹({Text(serviceLevel)})", Text(z));

    /// <summary>The standard deviation of demand over <paramref name="days"/> of uncertain length; √days·σd when the lead time never varies.</summary>
    private static double Deviation(ExplanationBuilder explain, string symbol, string daysSymbol, double days, DemandStats demand, LeadTime leadTime)
    {
        var (d, sd, sl) = (demand.Mean, demand.StandardDeviation, leadTime.StandardDeviationDays);
        var label = $"Standard deviation of demand over {daysSymbol}";
        if (sl == 0)
        {
            var constant = sd * Math.Sqrt(days);
            explain.Step(label + " (the lead time does not vary)", $"{symbol} = σd × √{daysSymbol}", $"{Text(sd)} × √{Text(days)}", Text(constant));
            return constant;
        }
        var varying = Math.Sqrt(days * sd * sd + d * d * sl * sl);
        explain.Step(label, $"{symbol} = √({daysSymbol}·σd² + d²·σL²)", $"√({Text(days)} × {Text(sd)}² + {Text(d)}² × {Text(sl)}²)", Text(varying));
        return varying;
    }

    private static decimal Forecast(ExplanationBuilder explain, StockPosition stock, string symbol)
    {
        explain.Input("on hand", "in stock now", Text(stock.OnHand))
            .Input("incoming", "ordered, not yet received", Text(stock.Incoming))
            .Input("outgoing", "reserved or promised, not yet shipped", Text(stock.Outgoing));
        explain.Step("Inventory position", $"{symbol} = on hand + incoming − outgoing",
            $"{Text(stock.OnHand)} + {Text(stock.Incoming)} − {Text(stock.Outgoing)}", Text(stock.Forecast));
        return stock.Forecast;
    }
}
