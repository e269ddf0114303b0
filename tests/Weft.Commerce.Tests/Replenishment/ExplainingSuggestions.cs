using Weft.Commerce.Replenishment;

namespace Weft.Commerce.Tests.Replenishment;

/// <summary>Every suggestion carries its inputs, each step's formula with the numbers put in, and why it was rounded.</summary>
public sealed class ExplainingSuggestions
{
    [Fact]
    public void A_reorder_point_shows_its_inputs_formulas_numbers_and_rounding()
    {
        var rop = Policies.ReorderPoint(DemandStats.SetBy(25, 3), new LeadTime(10, 2), 0.95);

        rop.Explanation.Inputs.Select(i => (i.Symbol, i.Value)).ShouldBe([("d", "25"), ("σd", "3"), ("L", "10"), ("σL", "2"), ("service level", "95%")]);
        rop.Explanation.Steps.ShouldBe([
            new("z for the service level", "z = Φ⁻¹(service level)", "Φ⁻¹(0.95)", "1.6449"),
            new("Demand during the lead time", "d × L", "25 × 10", "250"),
            new("Standard deviation of demand over L", "σDL = √(L·σd² + d²·σL²)", "√(10 × 3² + 25² × 2²)", "50.892"),
            new("Safety stock", "SS = z × σDL", "1.6449 × 50.892", "83.71"),
            new("Reorder point", "ROP = d × L + SS", "250 + 83.71", "333.71"),
        ]);
        rop.Explanation.WhyRounded.ShouldBe(["Rounded up from 333.71 to 334: the product is counted in whole units."]);
    }

    [Fact]
    public void Demand_set_by_hand_says_so()
    {
        var rop = Policies.ReorderPoint(DemandStats.SetBy(25, 3), new LeadTime(10), 0.95);

        rop.Explanation.Inputs[0].Meaning.ShouldBe("mean daily demand, set by hand");
        rop.Explanation.Inputs[1].Meaning.ShouldBe("standard deviation of daily demand, set by hand");
    }

    [Fact]
    public void An_order_up_to_level_explains_the_position_it_orders_against()
    {
        var order = Policies.OrderUpTo(DemandStats.SetBy(30, 3), new LeadTime(2), 7, 0.99, new StockPosition(80, incoming: 10, outgoing: 19));

        order.Explanation.Steps.Select(s => s.Label).ShouldBe([
            "z for the service level", "Protection interval", "Demand over R + L", "Standard deviation of demand over (R + L) (the lead time does not vary)",
            "Safety stock", "Order-up-to level", "Inventory position", "Order",
        ]);
        order.Explanation.Steps.Single(s => s.Label == "Inventory position").ShouldBe(
            new ExplanationStep("Inventory position", "IP = on hand + incoming − outgoing", "80 + 10 − 19", "71"));
    }

    [Fact]
    public void The_explanation_reads_as_text()
    {
        var eoq = Policies.Eoq(new OrderingCosts(1000, 10, Holding.PerUnit(0.50m)));

        eoq.Explanation.ToString().ShouldBe(
            """
            D = 1000 (demand per year)
            S = 10.00 (cost of placing one order)
            H = 0.5 (holding cost per unit per year)
            Economic order quantity: EOQ = √(2·D·S / H) = √(2 × 1000 × 10 / 0.5) = 200
            Orders per year: N = D / Q = 1000 / 200 = 5
            Ordering cost per year: N × S = 5 × 10.00 = 50.00
            Holding cost per year: Q / 2 × H = 200 / 2 × 0.5 = 50.00
            Total cost per year: TC = D/Q·S + Q/2·H = 50.00 + 50.00 = 100.00

            """.Replace("\r\n", "\n", StringComparison.Ordinal));
    }
}
