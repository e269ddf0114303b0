namespace Weft.Production.Planning;

/// <summary>A released manufacturing order or atelier job with work left; several nodes may need the same capability.</summary>
internal sealed record OpenOrder(long OrderId, DateOnly? Due, int Priority, IReadOnlyList<RemainingWork> Remaining)
{
    public IEnumerable<string> Capabilities => Remaining.Select(r => r.Capability).Distinct(StringComparer.OrdinalIgnoreCase);

    public double StandardMinutesFor(string capability) => Remaining.Where(r => Is(r, capability)).Sum(r => r.StandardMinutes);

    public double MinutesFor(string capability, MeasuredWorkTimes measured) =>
        Remaining.Where(r => Is(r, capability)).Sum(r => r.Pieces * measured.MinutesPerPiece(OrderId, r));

    private static bool Is(RemainingWork work, string capability) => string.Equals(work.Capability, capability, StringComparison.OrdinalIgnoreCase);
}
