using Weft.Commerce.Replenishment;

namespace Weft.Commerce.Tests.Replenishment;

/// <summary>
/// Periodic review: every R days order S − IP, with S = d·(R+L) + z·σ(R+L) and σ(R+L) = √((R+L)·σd² + d²·σL²).
/// Stevenson calls it the fixed-order-interval model: Q = d(OI + LT) + z·σd·√(OI + LT) − A.
/// </summary>
public sealed class OrderingUpToALevel
{
    [Fact]
    public void Stevensons_fixed_interval_example_orders_220_units()
    {
        // Source: W. J. Stevenson, Operations Management, 14th ed. (McGraw-Hill), ch. 12, Example 10 "Computing the Order
        // Quantity for the Fixed-Interval Model", p. 532: d = 30 units a day, σd = 3, LT = 2 days, OI = 7 days, 99%
        // service (z = 2.33), 71 units on hand. Published: Q = 30(7 + 2) + 2.33(3)√(7 + 2) − 71 = 220 units.
        var order = Policies.OrderUpTo(DemandStats.SetBy(30, 3), new LeadTime(2), reviewDays: 7, serviceLevel: 0.99, new StockPosition(71));

        order.DemandOverProtection.ShouldBe(270, 1e-9);
        order.DeviationOverProtection.ShouldBe(9, 1e-9); // 3 × √9
        // The book: 270 + 2.33 × 9 − 71 = 219.97; exact z 2.3263 gives 219.94.
        order.Needed.ShouldBe(219.97, 0.05);
        order.Quantity.ShouldBe(220m);
    }

    [Fact]
    public void The_labs_chemical_is_ordered_in_whole_jars()
    {
        // Source: Stevenson, Operations Management, 14th ed., ch. 12, Solved Problems, p. 543, "Fixed-order-interval":
        // a lab orders every 30 days, lead time 5 days; eleven 25-ml jars on hand; usage 15.2 ml a day (σ 1.6 ml);
        // 95% service, z = 1.65. The stored page stops before the answer, so by hand with the book's z:
        // Q = 15.2 × 35 + 1.65 × 1.6 × √35 − 11 × 25 = 532 + 15.62 − 275 = 272.62 ml = 10.9 jars → 11 jars (275 ml).
        var order = Policies.OrderUpTo(
            DemandStats.SetBy(15.2, 1.6), new LeadTime(5), reviewDays: 30, serviceLevel: 0.95, new StockPosition(11 * 25), wholeUnits: false);

        order.SafetyStock.ShouldBe(15.62, 0.06); // exact z: 1.6449 × 9.466 = 15.57
        order.Needed.ShouldBe(272.62, 0.06);

        var jars = OrderQuantity.Apply(order.Quantity, new SupplierTerms(packSize: 25), wholeUnits: false);

        jars.Quantity.ShouldBe(275m);
        jars.Explanation.WhyRounded.ShouldContain(line => line.Contains("packs of 25 (11 packs)"));
    }

    [Fact]
    public void Lead_time_variability_widens_the_level()
    {
        // No published worked example with a variable lead time was found. The inputs are a Stevenson problem (ch. 12:
        // d = 60 a day, σd = 2, order interval 10 days, lead time 5 days with σ 0.5 day, 2.5% stockout risk, 480 on
        // hand); the answer posted at homeworksource.com (479.44) puts only LT, not OI + LT, under σd², so by hand:
        // z(0.975) = 1.96; σ(R+L) = √(15 × 2² + 60² × 0.5²) = √(60 + 900) = √960 = 30.984;
        // S = 60 × 15 + 1.96 × 30.984 = 900 + 60.73 = 960.73; Q = 960.73 − 480 = 480.73 → 481.
        var order = Policies.OrderUpTo(DemandStats.SetBy(60, 2), new LeadTime(5, 0.5), reviewDays: 10, serviceLevel: 0.975, new StockPosition(480));

        order.DeviationOverProtection.ShouldBe(Math.Sqrt(960), 1e-9);
        order.OrderUpToLevel.ShouldBe(960.73, 0.01);
        order.Needed.ShouldBe(480.73, 0.01);
        order.Quantity.ShouldBe(481m);
    }

    [Fact]
    public void A_position_at_or_above_the_level_orders_nothing()
    {
        var order = Policies.OrderUpTo(DemandStats.SetBy(30, 3), new LeadTime(2), 7, 0.99, new StockPosition(onHand: 250, incoming: 100));

        order.InventoryPosition.ShouldBe(350m);
        order.Quantity.ShouldBe(0m);
        order.Explanation.Steps.Last().Result.ShouldEndWith("the position is at or above S, nothing to order");
    }

    [Fact]
    public void Outgoing_stock_lowers_the_position()
    {
        var plain = Policies.OrderUpTo(DemandStats.SetBy(30, 3), new LeadTime(2), 7, 0.99, new StockPosition(71));
        var reserved = Policies.OrderUpTo(DemandStats.SetBy(30, 3), new LeadTime(2), 7, 0.99, new StockPosition(81, outgoing: 10));

        reserved.Needed.ShouldBe(plain.Needed, 1e-9);
    }

    [Fact]
    public void A_review_period_of_zero_is_refused()
    {
        var refused = Should.Throw<ArgumentOutOfRangeException>(
            () => Policies.OrderUpTo(DemandStats.SetBy(30, 3), new LeadTime(2), 0, 0.99, new StockPosition(71)));

        refused.ParamName.ShouldBe("reviewDays");
        refused.Message.ShouldContain("The review period in days must be more than 0");
    }

    [Fact]
    public void Negative_incoming_stock_is_refused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new StockPosition(10, incoming: -5)).ParamName.ShouldBe("incoming");
    }
}
