namespace Weft.Commerce.Replenishment;

/// <summary>
/// A SKU's daily demand at a warehouse: the mean d and the standard deviation σd of its daily outgoing quantities, over
/// <see cref="Days"/> days (0 when a planner set them by hand). σd is the sample standard deviation (divided by n − 1),
/// since the days measured are a sample of the days to come.
/// </summary>
internal sealed record DemandStats
{
    private DemandStats(double mean, double standardDeviation, int days)
    {
        Mean = mean;
        StandardDeviation = standardDeviation;
        Days = days;
    }

    public double Mean { get; }

    public double StandardDeviation { get; }

    public int Days { get; }

    public bool SetByHand => Days == 0;

    /// <summary>From one outgoing quantity per day, days without any included as 0.</summary>
    public static DemandStats FromDailyQuantities(IReadOnlyList<decimal> dailyQuantities)
    {
        ArgumentNullException.ThrowIfNull(dailyQuantities);
        if (dailyQuantities.Count < 2)
            throw new ArgumentException(
                "Give at least two days of outgoing quantities (one per day, days without any as 0): variability needs two days to measure.",
                nameof(dailyQuantities));
        for (var i = 0; i < dailyQuantities.Count; i++)
        {
            if (dailyQuantities[i] < 0)
                throw new ArgumentException($"Day {i + 1} has {dailyQuantities[i]}: outgoing quantities are 0 or more.", nameof(dailyQuantities));
        }

        var n = dailyQuantities.Count;
        var mean = dailyQuantities.Sum(q => (double)q) / n;
        // Two passes: the sum of squared deviations from the mean, not Σx² − n·mean², which loses digits on large stock.
        var squares = dailyQuantities.Sum(q => ((double)q - mean) * ((double)q - mean));
        return new DemandStats(mean, Math.Sqrt(squares / (n - 1)), n);
    }

    /// <summary>A mean and standard deviation a planner knows better than the ledger does (a new product, a promotion).</summary>
    public static DemandStats SetBy(double mean, double standardDeviation)
    {
        Require.NonNegative(mean, nameof(mean), "Mean daily demand");
        Require.NonNegative(standardDeviation, nameof(standardDeviation), "The standard deviation of daily demand");
        return new DemandStats(mean, standardDeviation, 0);
    }

    internal string MeanSource => SetByHand ? "mean daily demand, set by hand" : $"mean daily demand over {Days} days of outgoing moves";

    internal string DeviationSource => SetByHand
        ? "standard deviation of daily demand, set by hand"
        : $"sample standard deviation (n − 1) of daily demand over {Days} days";
}
