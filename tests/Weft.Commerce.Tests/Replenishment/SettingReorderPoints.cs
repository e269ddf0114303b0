using Weft.Commerce.Replenishment;

namespace Weft.Commerce.Tests.Replenishment;

/// <summary>
/// Reorder point with safety stock, ROP = d·L + z·σDL with σDL = √(L·σd² + d²·σL²), against textbook examples. The
/// books read z from a two-decimal table (1.65 for 95%, 1.28 for 90%); the code uses the exact z, so the unrounded
/// answers may differ from the printed ones by (table z − exact z) × σDL, which each test states.
/// </summary>
public sealed class SettingReorderPoints
{
    [Fact]
    public void Demand_and_lead_time_both_vary_Stevenson_motel_glasses()
    {
        // Source: W. J. Stevenson, Operations Management, 14th ed. (McGraw-Hill), ch. 12, Solved Problems, p. 543,
        // "ROP for variable demand rate and variable lead time": a motel replaces 25 broken glasses a day (σ 3 a day);
        // lead time 10 days (σ 2 days); 95% service. Published: ROP = 25(10) + 1.65√(10(3)² + (25)²(2)²) = 334 glasses.
        var rop = Policies.ReorderPoint(DemandStats.SetBy(25, 3), new LeadTime(10, 2), 0.95);

        rop.DemandDuringLeadTime.ShouldBe(250, 1e-9);
        rop.DeviationDuringLeadTime.ShouldBe(Math.Sqrt(2590), 1e-9); // √(90 + 2,500) = 50.892
        // The book: 250 + 1.65 × 50.892 = 333.97; exact z 1.6449 gives 333.71 (0.26 less).
        rop.ReorderPoint.ShouldBe(333.97, 0.3);
        rop.ReorderLevel.ShouldBe(334m);
    }

    [Fact]
    public void Only_the_lead_time_varies_Stevenson_bottled_water()
    {
        // Source: Stevenson, Operations Management, 14th ed., ch. 12, Solved Problems, p. 543, "ROP for variable lead
        // time": demand 600 bottles a day, constant; lead time 6 days (σ 2 days); 90% service, z = 1.28.
        // Published: ROP = 600(6) + 1.28(2)(600) = 5,136 bottles.
        var rop = Policies.ReorderPoint(DemandStats.SetBy(600, 0), new LeadTime(6, 2), 0.90);

        rop.DeviationDuringLeadTime.ShouldBe(1200, 1e-9); // √(6 × 0² + 600² × 2²) = d × σL
        // Exact z 1.28155 instead of the table's 1.28: 0.00155 × 1,200 = 1.86 more, 5,137.86.
        rop.ReorderPoint.ShouldBe(5136, 2);
        rop.ReorderLevel.ShouldBe(5138m);
    }

    [Fact]
    public void A_lead_time_that_never_varies_reduces_to_z_sigma_root_L_Taylor_carpet()
    {
        // Source: B. W. Taylor, Introduction to Management Science, ch. 16, "Reorder Point with Variable Demand", the I-75
        // Carpet Discount Store (flylib.com/books/en/3.287.1.225/1/): Super Shag carpet, 30 yd a day (σ 5 yd), lead time
        // 10 days, 95% service, z = 1.65. The stored excerpt stops before the answer, so by hand with the book's z:
        // R = 30 × 10 + 1.65 × 5 × √10 = 300 + 26.09 = 326.09 yd; safety stock 26.09 yd.
        var rop = Policies.ReorderPoint(DemandStats.SetBy(30, 5), new LeadTime(10), 0.95);

        rop.DeviationDuringLeadTime.ShouldBe(5 * Math.Sqrt(10), 1e-9);
        rop.SafetyStock.ShouldBe(26.09, 0.1); // exact z: 1.6449 × 15.811 = 26.01
        rop.ReorderPoint.ShouldBe(326.09, 0.1);
        rop.Explanation.Steps.ShouldContain(s => s.Formula == "σDL = σd × √L");
    }

    [Fact]
    public void The_general_formula_and_the_constant_lead_time_formula_agree()
    {
        var constant = Policies.ReorderPoint(DemandStats.SetBy(12, 4), new LeadTime(9), 0.97);
        var general = Math.Sqrt(9 * 4.0 * 4.0 + 12.0 * 12.0 * 0);

        constant.DeviationDuringLeadTime.ShouldBe(general, 1e-12);
        constant.SafetyStock.ShouldBe(ServiceLevels.Z(0.97) * 4 * 3, 1e-9);
    }

    [Fact]
    public void Demand_measured_from_the_ledger_feeds_the_reorder_point()
    {
        // 14 days of picks: mean 5, sample σd 2 (Σ(x − 5)² = 52 over 13). L = 4 days, σL = 1 day, 95%:
        // σDL = √(4 × 4 + 25 × 1) = √41 = 6.403; SS = 1.6449 × 6.403 = 10.532; ROP = 20 + 10.532 = 30.53 → 31.
        var demand = DemandStats.FromDailyQuantities([5, 3, 7, 4, 6, 9, 1, 5, 3, 7, 5, 5, 4, 6]);

        var rop = Policies.ReorderPoint(demand, new LeadTime(4, 1), 0.95);

        demand.StandardDeviation.ShouldBe(2, 1e-12);
        rop.ReorderPoint.ShouldBe(20 + ServiceLevels.Z(0.95) * Math.Sqrt(41), 1e-9);
        rop.ReorderLevel.ShouldBe(31m);
        rop.Explanation.Inputs.ShouldContain(i => i.Symbol == "σd" && i.Meaning.Contains("over 14 days"));
    }

    [Fact]
    public void A_product_measured_in_kilograms_keeps_four_decimals()
    {
        var rop = Policies.ReorderPoint(DemandStats.SetBy(2.5, 0.4), new LeadTime(3), 0.95, wholeUnits: false);

        rop.ReorderLevel.ShouldBe(decimal.Ceiling((decimal)rop.ReorderPoint * 10_000m) / 10_000m);
        rop.ReorderLevel.ShouldNotBe(decimal.Ceiling(rop.ReorderLevel));
    }

    [Fact]
    public void A_negative_lead_time_is_refused()
    {
        var refused = Should.Throw<ArgumentOutOfRangeException>(() => new LeadTime(-2));

        refused.ParamName.ShouldBe("days");
        refused.Message.ShouldContain("Lead time in days must be a number of 0 or more");
    }

    [Fact]
    public void A_negative_lead_time_deviation_is_refused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new LeadTime(5, -1)).ParamName.ShouldBe("standardDeviationDays");
    }

    [Fact]
    public void A_certain_service_level_is_refused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Policies.ReorderPoint(DemandStats.SetBy(25, 3), new LeadTime(10), 1.0))
            .ParamName.ShouldBe("serviceLevel");
    }
}
