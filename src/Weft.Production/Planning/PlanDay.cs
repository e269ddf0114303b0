namespace Weft.Production.Planning;

/// <summary>
/// One day of the capacity plan. <see cref="Total"/> counts each agent once, so when the capabilities' available minutes
/// add up to more than the total, people with several capabilities are being counted more than once.
/// </summary>
internal sealed record PlanDay(DateOnly Date, IReadOnlyDictionary<string, DayLoad> Capabilities, DayLoad Total)
{
    public DayLoad For(string capability) => Capabilities.TryGetValue(capability, out var load) ? load : new(0, 0);
}
