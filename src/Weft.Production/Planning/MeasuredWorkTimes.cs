namespace Weft.Production.Planning;

/// <summary>
/// Median minutes per piece measured on finished work; they replace a node's standard minutes in the finish forecast.
/// A measurement for the order wins over one for the capability, which wins over the standard.
/// </summary>
internal sealed class MeasuredWorkTimes
{
    private readonly Dictionary<string, double> perCapability = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<long, Dictionary<string, double>> perOrder = [];

    public static MeasuredWorkTimes None => new();

    public MeasuredWorkTimes ForCapability(string capability, double medianMinutesPerPiece)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(medianMinutesPerPiece);
        perCapability[capability] = medianMinutesPerPiece;
        return this;
    }

    public MeasuredWorkTimes ForOrder(long orderId, string capability, double medianMinutesPerPiece)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(medianMinutesPerPiece);
        if (!perOrder.TryGetValue(orderId, out var byCapability)) perOrder[orderId] = byCapability = new(StringComparer.OrdinalIgnoreCase);
        byCapability[capability] = medianMinutesPerPiece;
        return this;
    }

    public double MinutesPerPiece(long orderId, RemainingWork work) =>
        perOrder.TryGetValue(orderId, out var byCapability) && byCapability.TryGetValue(work.Capability, out var own) ? own
        : perCapability.TryGetValue(work.Capability, out var measured) ? measured
        : work.StandardMinutesPerPiece;
}
