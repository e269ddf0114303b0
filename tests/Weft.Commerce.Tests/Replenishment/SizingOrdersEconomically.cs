using Weft.Commerce.Replenishment;

namespace Weft.Commerce.Tests.Replenishment;

/// <summary>The economic order quantity EOQ = √(2·D·S/H) and a year's cost of ordering it, against textbook examples.</summary>
public sealed class SizingOrdersEconomically
{
    [Fact]
    public void Sharp_Incs_hypodermic_needles_order_200_at_a_time_for_100_a_year()
    {
        // Source: J. Heizer & B. Render, Operations Management (Pearson), ch. 12 "Inventory Management", Examples 3–5,
        // Sharp, Inc. (reproduced with the book's solutions at holooly.com, "Finding the optimal order size at Sharp,
        // Inc.", Q. 12.EX.3–5): D = 1,000 units a year, S = $10 an order, H = $0.50 a unit a year.
        // Published: Q* = √(2(1,000)(10)/0.50) = √40,000 = 200 units; N = 1,000/200 = 5 orders a year;
        // TC = (1,000/200)($10) + (200/2)($.50) = $50 + $50 = $100.
        var eoq = Policies.Eoq(new OrderingCosts(1000, 10, Holding.PerUnit(0.50m)));

        eoq.Eoq.ShouldBe(200, 1e-9);
        eoq.Quantity.ShouldBe(200m);
        eoq.OrdersPerYear.ShouldBe(5m);
        eoq.AnnualOrderingCost.ShouldBe(50m);
        eoq.AnnualHoldingCost.ShouldBe(50m);
        eoq.TotalAnnualCost.ShouldBe(100m);
    }

    [Fact]
    public void The_hospitals_liquid_cleanser_orders_70_cases()
    {
        // Source: W. J. Stevenson, Operations Management, ch. 12, quantity discounts with constant carrying cost: a
        // hospital uses 816 cases of liquid cleanser a year, S = $12, H = $4 a case a year. Published (as reproduced in
        // "Solutions to Inventory Management Practice Problems", coursehero.com/file/46299572): EOQ = 70 cases.
        var eoq = Policies.Eoq(new OrderingCosts(816, 12, Holding.PerUnit(4)));

        eoq.Eoq.ShouldBe(69.97, 0.01); // √4,896
        eoq.Quantity.ShouldBe(70m);
        eoq.Explanation.WhyRounded.ShouldHaveSingleItem().ShouldBe("Rounded up from 69.9714 to 70: the product is counted in whole units.");
    }

    [Fact]
    public void A_holding_rate_makes_the_holding_cost_a_share_of_the_unit_cost()
    {
        // Source: Stevenson, Operations Management, ch. 12, quantity discounts with carrying cost a percentage of price:
        // Surge Electric, D = 4,000 switches a year, S = $30, H = 40% of the price. Published (same reproduction as
        // above): at $0.85 a switch, H = .40(0.85) = .34 and EOQ = 840 switches (√705,882 = 840.17).
        var eoq = Policies.Eoq(new OrderingCosts(4000, 30, Holding.Rate(0.40m)), unitCost: 0.85m);

        eoq.HoldingPerUnit.ShouldBe(0.34m);
        eoq.Eoq.ShouldBe(840, 0.5);
        eoq.Quantity.ShouldBe(841m); // up, never down, to a whole switch
        eoq.Explanation.Steps[0].ShouldBe(new ExplanationStep("Holding cost per unit per year", "H = i × C", "0.4 × 0.85", "0.34"));
    }

    [Fact]
    public void The_total_cost_is_for_the_quantity_actually_suggested()
    {
        // Heizer & Render's learning exercise to Example 3 (D = 1,200): Q* = 219.09, TC = √(2 × 1,200 × 10 × 0.5) = $109.54.
        // Rounded up to 220: 1,200/220 × 10 + 220/2 × 0.5 = 54.545 + 55 = 109.545, a hair above the optimum.
        var eoq = Policies.Eoq(new OrderingCosts(1200, 10, Holding.PerUnit(0.50m)));

        eoq.Eoq.ShouldBe(219.09, 0.01);
        eoq.Quantity.ShouldBe(220m);
        Math.Round(eoq.TotalAnnualCost, 2).ShouldBe(109.55m);
        ((double)eoq.TotalAnnualCost).ShouldBe(Math.Sqrt(12_000), 0.01);
    }

    [Fact]
    public void A_holding_rate_without_a_unit_cost_is_refused()
    {
        var refused = Should.Throw<ArgumentException>(() => Policies.Eoq(new OrderingCosts(4000, 30, Holding.Rate(0.4m))));

        refused.Message.ShouldContain("needs the unit's price");
    }

    [Theory]
    [InlineData(0, 10, 0.5)]
    [InlineData(1000, 0, 0.5)]
    [InlineData(1000, -10, 0.5)]
    public void Demand_and_ordering_cost_must_be_above_zero(decimal demand, decimal perOrder, decimal holding)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new OrderingCosts(demand, perOrder, Holding.PerUnit(holding))).Message.ShouldContain("must be more than 0");
    }

    [Fact]
    public void A_holding_cost_of_zero_is_refused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Holding.PerUnit(0)).ParamName.ShouldBe("perUnitPerYear");
        Should.Throw<ArgumentOutOfRangeException>(() => Holding.Rate(-0.2m)).ParamName.ShouldBe("rateOfPrice");
    }
}
