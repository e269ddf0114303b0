using Weft.Commerce.Replenishment;

namespace Weft.Commerce.Tests.Replenishment;

/// <summary>Daily demand and its variability from the ledger's outgoing quantities, one per day, quiet days as 0.</summary>
public sealed class MeasuringDemand
{
    [Fact]
    public void Mean_and_sample_standard_deviation_of_the_daily_quantities()
    {
        // The data set of Wikipedia's "Standard deviation" article: mean 5; squared deviations 9+1+1+1+0+0+4+16 = 32;
        // sample variance 32 / (8 − 1) = 4.5714, so σd = √4.5714 = 2.1381 (the population figure, √(32/8) = 2, is not the one used).
        var demand = DemandStats.FromDailyQuantities([2, 4, 4, 4, 5, 5, 7, 9]);

        demand.Mean.ShouldBe(5, 1e-12);
        demand.StandardDeviation.ShouldBe(Math.Sqrt(32.0 / 7), 1e-12);
        demand.Days.ShouldBe(8);
        demand.SetByHand.ShouldBeFalse();
    }

    [Fact]
    public void Days_without_outgoing_moves_count_as_zero_demand()
    {
        // One sale of 10 in five days: mean 2; deviations −2, −2, 8, −2, −2 → 4·4 + 64 = 80; 80 / 4 = 20; σd = √20 = 4.4721.
        var demand = DemandStats.FromDailyQuantities([0, 0, 10, 0, 0]);

        demand.Mean.ShouldBe(2, 1e-12);
        demand.StandardDeviation.ShouldBe(Math.Sqrt(20), 1e-12);
    }

    [Fact]
    public void Steady_demand_has_no_variability()
    {
        var demand = DemandStats.FromDailyQuantities([7.5m, 7.5m, 7.5m]);

        demand.Mean.ShouldBe(7.5, 1e-12);
        demand.StandardDeviation.ShouldBe(0);
    }

    [Fact]
    public void Large_quantities_keep_their_digits()
    {
        // Σx² − n·mean² would cancel to noise here; the deviations are ±1 around 1,000,000,000.
        var demand = DemandStats.FromDailyQuantities([999_999_999, 1_000_000_000, 1_000_000_001]);

        demand.StandardDeviation.ShouldBe(1, 1e-6);
    }

    [Fact]
    public void A_planner_can_set_demand_by_hand()
    {
        var demand = DemandStats.SetBy(25, 3);

        demand.Mean.ShouldBe(25);
        demand.StandardDeviation.ShouldBe(3);
        demand.SetByHand.ShouldBeTrue();
    }

    [Fact]
    public void An_empty_series_is_refused()
    {
        var refused = Should.Throw<ArgumentException>(() => DemandStats.FromDailyQuantities([]));

        refused.ParamName.ShouldBe("dailyQuantities");
        refused.Message.ShouldContain("at least two days");
    }

    [Fact]
    public void One_day_is_not_enough_to_measure_variability()
    {
        Should.Throw<ArgumentException>(() => DemandStats.FromDailyQuantities([4])).Message.ShouldContain("at least two days");
    }

    [Fact]
    public void A_negative_day_is_refused_and_named()
    {
        var refused = Should.Throw<ArgumentException>(() => DemandStats.FromDailyQuantities([3, -1, 2]));

        refused.Message.ShouldContain("Day 2 has -1");
    }

    [Theory]
    [InlineData(-1, 2)]
    [InlineData(5, -0.5)]
    [InlineData(double.NaN, 1)]
    [InlineData(5, double.PositiveInfinity)]
    public void Demand_set_by_hand_must_be_a_number_of_zero_or_more(double mean, double deviation)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => DemandStats.SetBy(mean, deviation)).Message.ShouldContain("0 or more");
    }
}
