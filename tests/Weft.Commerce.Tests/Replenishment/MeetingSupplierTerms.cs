using Weft.Commerce.Replenishment;

namespace Weft.Commerce.Tests.Replenishment;

/// <summary>The quantity a policy wants, made one the supplier accepts: minimum order, whole packs, and the cheapest price break.</summary>
public sealed class MeetingSupplierTerms
{
    [Fact]
    public void Packs_of_twelve_round_fifty_up_to_sixty()
    {
        var choice = OrderQuantity.Apply(50, new SupplierTerms(packSize: 12));

        choice.Quantity.ShouldBe(60m);
        choice.Explanation.WhyRounded.ShouldHaveSingleItem().ShouldBe("Rounded up from 50 to 60: the supplier sells packs of 12 (5 packs).");
    }

    [Fact]
    public void An_exact_number_of_packs_is_left_alone()
    {
        var choice = OrderQuantity.Apply(48, new SupplierTerms(packSize: 12));

        choice.Quantity.ShouldBe(48m);
        choice.Explanation.WhyRounded.ShouldBeEmpty();
    }

    [Fact]
    public void The_minimum_order_raises_a_small_order()
    {
        var choice = OrderQuantity.Apply(30, new SupplierTerms(minimumOrder: 100));

        choice.Quantity.ShouldBe(100m);
        choice.Explanation.WhyRounded.ShouldHaveSingleItem().ShouldBe("Raised from 30 to 100: the supplier's minimum order is 100.");
    }

    [Fact]
    public void A_minimum_that_is_not_a_whole_number_of_packs_is_rounded_up_to_packs()
    {
        var choice = OrderQuantity.Apply(30, new SupplierTerms(minimumOrder: 100, packSize: 12));

        choice.Quantity.ShouldBe(108m);
        choice.Explanation.WhyRounded.ShouldBe([
            "Raised from 30 to 100: the supplier's minimum order is 100.",
            "Rounded up from 100 to 108: the supplier sells packs of 12 (9 packs).",
        ]);
    }

    [Fact]
    public void A_hundred_at_the_break_price_can_cost_less_than_ninety_at_the_base_price()
    {
        // 90 × 1.00 = 90.00; 100 × 0.85 = 85.00: ten more units for five less.
        var terms = new SupplierTerms(priceBreaks: [new(0, 1.00m), new(100, 0.85m)]);

        var choice = OrderQuantity.Apply(90, terms);

        choice.Quantity.ShouldBe(100m);
        choice.UnitPrice.ShouldBe(0.85m);
        choice.Cost.ShouldBe(85m);
        choice.Candidates.Select(c => (c.Quantity, c.Cost)).ShouldBe([(100m, 85m), (90m, 90m)]);
        choice.Explanation.WhyRounded.ShouldHaveSingleItem().ShouldBe(
            "Raised from 90 to 100, for the price break at 100 (0.85 a unit instead of 1.00): 100 × 0.85 = 85.00 costs less than 90 × 1.00 = 90.00.");
    }

    [Fact]
    public void A_break_that_costs_more_in_total_is_not_taken()
    {
        // 90 × 1.00 = 90.00 against 100 × 0.95 = 95.00.
        var choice = OrderQuantity.Apply(90, new SupplierTerms(priceBreaks: [new(0, 1.00m), new(100, 0.95m)]));

        choice.Quantity.ShouldBe(90m);
        choice.Cost.ShouldBe(90m);
        choice.Explanation.WhyRounded.ShouldBeEmpty();
    }

    [Fact]
    public void Packs_and_price_breaks_together()
    {
        // 90 in packs of 12 is 96 (8 packs) at 1.00 = 96.00; the break at 100 takes 9 packs, 108 × 0.85 = 91.80.
        var choice = OrderQuantity.Apply(90, new SupplierTerms(packSize: 12, priceBreaks: [new(0, 1.00m), new(100, 0.85m)]));

        choice.Quantity.ShouldBe(108m);
        choice.Cost.ShouldBe(91.80m);
        choice.Explanation.WhyRounded.ShouldBe([
            "Rounded up from 90 to 96: the supplier sells packs of 12 (8 packs).",
            "Raised from 96 to 108, for the price break at 100 (0.85 a unit instead of 1.00): 108 × 0.85 = 91.80 costs less than 96 × 1.00 = 96.00.",
        ]);
    }

    [Fact]
    public void The_hospital_buys_100_cases_at_the_lowest_price()
    {
        // Source: W. J. Stevenson, Operations Management, ch. 12, quantity discounts with constant carrying cost; answers
        // as reproduced in "Solutions to Inventory Management Practice Problems" (coursehero.com/file/46299572): 816 cases
        // of liquid cleanser a year, S = $12, H = $4 a case a year; under 50 cases $20, 50–79 $18, 80–99 $17, 100 or more
        // $16. Published: EOQ = 70 (feasible at $18); TC(70) = $14,968; TC(80) = $14,154; TC(100) = $13,354 → order 100.
        var terms = new SupplierTerms(priceBreaks: [new(0, 20m), new(50, 18m), new(80, 17m), new(100, 16m)]);
        var costs = new OrderingCosts(816, 12, Holding.PerUnit(4));

        var choice = OrderQuantity.Apply(70, terms, costs);

        choice.Quantity.ShouldBe(100m);
        choice.UnitPrice.ShouldBe(16m);
        choice.Candidates.Select(c => (c.Quantity, Math.Round(c.Cost))).ShouldBe([(100m, 13_354m), (80m, 14_154m), (70m, 14_968m)]);
        Math.Round(choice.Cost!.Value, 2).ShouldBe(13_353.92m); // 100/2 × 4 + 816/100 × 12 + 16 × 816 = 200 + 97.92 + 13,056
        choice.Explanation.WhyRounded.ShouldHaveSingleItem().ShouldBe(
            "Raised from 70 to 100, for the price break at 100 (16.00 a unit instead of 18.00): a year of orders costs 13353.92 against 14967.89 at 70.");
    }

    [Fact]
    public void Surge_Electric_buys_1000_switches_when_holding_is_a_share_of_the_price()
    {
        // Source: Stevenson, Operations Management, ch. 12, quantity discounts with carrying cost a percentage of price;
        // answers as reproduced at coursehero.com/file/46299572: D = 4,000 switches, S = $30, H = 40% of the price;
        // 1–499 $0.90, 500–999 $0.85, 1,000 or more $0.80. Published: EOQ at $0.80 = 866 (infeasible), at $0.85 = 840
        // (feasible); TC(840) = $3,686; TC(1,000) = $3,480 → order 1,000.
        var terms = new SupplierTerms(priceBreaks: [new(1, 0.90m), new(500, 0.85m), new(1000, 0.80m)]);
        var costs = new OrderingCosts(4000, 30, Holding.Rate(0.40m));

        var choice = OrderQuantity.Apply(840, terms, costs);

        choice.Quantity.ShouldBe(1000m);
        choice.Cost.ShouldBe(3480m); // 1,000/2 × .32 + 4,000/1,000 × 30 + .80 × 4,000 = 160 + 120 + 3,200
        Math.Round(choice.Candidates.Single(c => c.Quantity == 840).Cost).ShouldBe(3686m);
        // $0.85's own EOQ, 840.17, rounds up to 841 whole switches and is weighed too; $0.80's (866) lies below its break.
        choice.Candidates.Select(c => c.Quantity).Order().ShouldBe([840m, 841m, 1000m]);
    }

    [Fact]
    public void Counted_products_are_ordered_in_whole_units()
    {
        var choice = OrderQuantity.Apply(272.3m, new SupplierTerms());

        choice.Quantity.ShouldBe(273m);
        choice.Explanation.WhyRounded.ShouldHaveSingleItem().ShouldBe("Rounded up from 272.3 to 273: the product is counted in whole units.");
    }

    [Fact]
    public void Products_measured_in_kilograms_keep_their_fraction()
    {
        OrderQuantity.Apply(272.3m, new SupplierTerms(), wholeUnits: false).Quantity.ShouldBe(272.3m);
    }

    [Fact]
    public void Nothing_wanted_is_nothing_ordered_whatever_the_minimum()
    {
        var choice = OrderQuantity.Apply(0, new SupplierTerms(minimumOrder: 100, packSize: 12));

        choice.Quantity.ShouldBe(0m);
        choice.Explanation.WhyRounded.ShouldHaveSingleItem().ShouldContain("Nothing is wanted, so nothing is ordered");
    }

    [Fact]
    public void Prices_that_start_above_the_quantity_act_as_a_minimum()
    {
        var choice = OrderQuantity.Apply(4, new SupplierTerms(priceBreaks: [new(10, 2.50m)]));

        choice.Quantity.ShouldBe(10m);
        choice.Cost.ShouldBe(25m);
        choice.Explanation.WhyRounded.ShouldHaveSingleItem().ShouldBe("Raised from 4 to 10: the supplier's prices start at 10.");
    }

    [Fact]
    public void A_negative_quantity_is_refused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => OrderQuantity.Apply(-5, new SupplierTerms())).ParamName.ShouldBe("wanted");
    }

    [Fact]
    public void A_pack_that_splits_a_unit_is_refused_for_counted_products()
    {
        var refused = Should.Throw<ArgumentException>(() => OrderQuantity.Apply(10, new SupplierTerms(packSize: 2.5m)));

        refused.Message.ShouldContain("A pack of 2.5 is not a whole number of units");
    }

    [Fact]
    public void A_minimum_that_splits_a_unit_is_refused_for_counted_products()
    {
        Should.Throw<ArgumentException>(() => OrderQuantity.Apply(1, new SupplierTerms(minimumOrder: 0.5m)))
            .Message.ShouldContain("A minimum order of 0.5 is not a whole number of units");
    }

    [Fact]
    public void Negative_minimums_and_packs_are_refused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new SupplierTerms(minimumOrder: -1)).ParamName.ShouldBe("minimumOrder");
        Should.Throw<ArgumentOutOfRangeException>(() => new SupplierTerms(packSize: -12)).ParamName.ShouldBe("packSize");
    }

    [Fact]
    public void A_free_unit_price_is_refused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new SupplierTerms(priceBreaks: [new(0, 0m)])).Message.ShouldContain("unit price must be more than 0");
    }

    [Fact]
    public void Two_prices_for_the_same_quantity_are_refused()
    {
        Should.Throw<ArgumentException>(() => new SupplierTerms(priceBreaks: [new(100, 1m), new(100, 0.9m)]))
            .Message.ShouldContain("Two price breaks start at 100");
    }
}
