using Weft.Commerce.Replenishment;

namespace Weft.Commerce.Tests.Replenishment;

/// <summary>
/// Odoo's reordering rule: at or below the minimum, order up to the maximum, rounded up to the multiple.
/// Source: Odoo documentation, Inventory › Replenishment › Reordering rules, section "Multiple"
/// (odoo.com/documentation/19.0/applications/inventory_and_mrp/inventory/warehouses_storage/replenishment/reordering_rules.html;
/// odoo/documentation, content/applications/inventory_and_mrp/inventory/warehouses_storage/replenishment/reordering_rules.rst):
/// "Odoo rounds the ordered quantity up to the nearest multiple that meets or slightly exceeds the Max quantity".
/// That is the 17.0 and 19.0 behaviour; the 18.0 documentation (odoo/documentation pull request 14850) describes rounding
/// to the highest multiple that stays at or below the max instead, which this rule does not follow.
/// </summary>
public sealed class FollowingOdoosMinMaxRules
{
    private static readonly MinMaxRule Soda = new(min: 10, max: 40, multiple: 6);

    [Fact]
    public void At_the_minimum_it_orders_what_reaches_the_max_exactly_when_that_is_a_multiple()
    {
        // Odoo's example: soda sold in cases of six, Min 10, Max 40, Multiple 6. "If the forecasted quantity is 10, the
        // amount To Order is 30, a multiple of six that will bring the On Hand quantity to exactly the maximum."
        var order = Policies.MinMax(Soda, new StockPosition(onHand: 10));

        order.Triggered.ShouldBeTrue();
        order.Quantity.ShouldBe(30m);
        order.Explanation.WhyRounded.ShouldBeEmpty();
    }

    [Fact]
    public void Below_the_minimum_it_rounds_up_past_the_max()
    {
        // Same example: "If the forecasted quantity is 8, the quantity needed to reach the max is 32. But 32 is not a
        // multiple of six, so Odoo rounds the To Order quantity up to 36."
        var order = Policies.MinMax(Soda, new StockPosition(onHand: 8));

        order.Needed.ShouldBe(32m);
        order.Quantity.ShouldBe(36m);
        order.Explanation.WhyRounded.ShouldHaveSingleItem().ShouldBe(
            "Rounded up from 32 to 36 (6 × 6): the rule orders in multiples of 6, so the forecast will reach 44, 4 above the max.");
    }

    [Fact]
    public void A_multiple_of_three_and_a_max_of_twenty_orders_twenty_one()
    {
        // Source: odoo/documentation pull request 14849 (17.0), "Multiple Quantity": "if Multiple Quantity is set to 3 …
        // If the Max Quantity is 20, 21 is ordered because it is the smallest multiple of three that reaches or exceeds
        // the maximum" (from an empty stock).
        var order = Policies.MinMax(new MinMaxRule(min: 5, max: 20, multiple: 3), new StockPosition(onHand: 0));

        order.Quantity.ShouldBe(21m);
    }

    [Fact]
    public void Above_the_minimum_nothing_is_ordered()
    {
        // Odoo's "Office Lamp" example: Min 5, Forecast 55: "the reordering rule is not triggered".
        var order = Policies.MinMax(new MinMaxRule(min: 5, max: 20), new StockPosition(onHand: 55));

        order.Triggered.ShouldBeFalse();
        order.Quantity.ShouldBe(0m);
        order.Explanation.Steps.Last().Result.ShouldBe("no: nothing to order");
    }

    [Fact]
    public void The_forecast_counts_what_is_incoming_and_outgoing()
    {
        // On hand 12, 6 on a purchase order, 9 reserved for sales: forecast 9, at or below 10, so 31 to reach 40 → 36.
        var order = Policies.MinMax(Soda, new StockPosition(onHand: 12, incoming: 6, outgoing: 9));

        order.Forecast.ShouldBe(9m);
        order.Quantity.ShouldBe(36m);
    }

    [Fact]
    public void A_zero_zero_rule_replaces_each_unit_sold()
    {
        // Odoo's 0/0/1 example: "A SO is confirmed for one unit, which causes the forecasted quantity to drop to -1.00.
        // This triggers the reordering rule, which automatically creates a PO for one unit."
        var order = Policies.MinMax(new MinMaxRule(0, 0), new StockPosition(onHand: 0, outgoing: 1));

        order.Forecast.ShouldBe(-1m);
        order.Quantity.ShouldBe(1m);
    }

    [Fact]
    public void Without_a_multiple_the_need_is_the_order()
    {
        Policies.MinMax(new MinMaxRule(10, 40), new StockPosition(8)).Quantity.ShouldBe(32m);
    }

    [Fact]
    public void A_max_below_the_min_is_refused()
    {
        var refused = Should.Throw<ArgumentOutOfRangeException>(() => new MinMaxRule(min: 10, max: 5));

        refused.Message.ShouldContain("The maximum (5) must be at least the minimum (10)");
    }

    [Fact]
    public void A_multiple_that_splits_a_unit_is_refused_for_counted_products()
    {
        var refused = Should.Throw<ArgumentException>(() => Policies.MinMax(new MinMaxRule(10, 40, 2.5m), new StockPosition(8)));

        refused.Message.ShouldContain("A multiple of 2.5 is not a whole number of units");
    }

    [Fact]
    public void A_product_measured_in_litres_can_have_a_fractional_multiple()
    {
        // 40 − 8 = 32 litres in cans of 2.5: 13 cans, 32.5 litres.
        Policies.MinMax(new MinMaxRule(10, 40, 2.5m), new StockPosition(8), wholeUnits: false).Quantity.ShouldBe(32.5m);
    }

    [Fact]
    public void A_negative_multiple_is_refused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new MinMaxRule(1, 5, -6)).ParamName.ShouldBe("multiple");
    }
}
