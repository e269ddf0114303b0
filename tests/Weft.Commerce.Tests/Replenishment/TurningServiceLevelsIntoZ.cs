using Weft.Commerce.Replenishment;

namespace Weft.Commerce.Tests.Replenishment;

/// <summary>A service level becomes z by the inverse standard normal distribution (AS 241).</summary>
public sealed class TurningServiceLevelsIntoZ
{
    [Theory]
    // The z values every normal table prints (to 4 decimals), and to 1e-9 against Python's statistics.NormalDist().inv_cdf.
    [InlineData(0.90, 1.2816, 1.2815515655446008)]
    [InlineData(0.95, 1.6449, 1.6448536269514715)]
    [InlineData(0.975, 1.9600, 1.9599639845400536)]
    [InlineData(0.98, 2.0537, 2.053748910631822)]
    [InlineData(0.99, 2.3263, 2.3263478740408408)]
    [InlineData(0.9999, 3.7190, 3.7190164854557084)]
    public void Service_levels_give_the_tables_z(double level, double table, double precise)
    {
        var z = ServiceLevels.Z(level);

        Math.Round(z, 4).ShouldBe(table);
        z.ShouldBe(precise, 1e-9);
    }

    [Fact]
    public void Half_is_the_middle_of_the_normal_distribution()
    {
        ServiceLevels.InverseStandardNormal(0.5).ShouldBe(0);
    }

    [Theory]
    // Both tails, including the far one (beyond 5 on AS 241's scale) that a plain rational approximation gets wrong.
    [InlineData(0.999999, 4.753424308817089)]
    [InlineData(1e-10, -6.361340902404056)]
    [InlineData(0.05, -1.6448536269514715)]
    public void The_tails_are_as_precise_as_the_middle(double p, double z)
    {
        ServiceLevels.InverseStandardNormal(p).ShouldBe(z, 1e-9);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.3)]
    [InlineData(0.99995)]
    [InlineData(1)]
    [InlineData(95)]
    [InlineData(double.NaN)]
    public void Service_levels_outside_a_half_to_9999_in_10000_are_refused(double level)
    {
        var refused = Should.Throw<ArgumentOutOfRangeException>(() => ServiceLevels.Z(level));

        refused.ParamName.ShouldBe("serviceLevel");
        refused.Message.ShouldContain("above 0.5 and at most 0.9999, e.g. 0.95");
    }
}
