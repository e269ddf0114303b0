namespace Weft.Commerce.Replenishment;

/// <summary>Days from order to receipt, on average, and their standard deviation (0 when the supplier is never late or early).</summary>
internal sealed record LeadTime
{
    public LeadTime(double days, double standardDeviationDays = 0)
    {
        Require.NonNegative(days, nameof(days), "Lead time in days");
        Require.NonNegative(standardDeviationDays, nameof(standardDeviationDays), "The standard deviation of the lead time");
        Days = days;
        StandardDeviationDays = standardDeviationDays;
    }

    public double Days { get; }

    public double StandardDeviationDays { get; }
}
