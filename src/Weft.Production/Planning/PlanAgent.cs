namespace Weft.Production.Planning;

/// <summary>A person as planning sees them; an away agent gives no minutes to any day of the plan.</summary>
internal sealed record PlanAgent(string Key, IReadOnlyCollection<string> Capabilities, ShiftCalendar Calendar, bool Away = false)
{
    public bool Can(string capability) => Capabilities.Contains(capability, StringComparer.OrdinalIgnoreCase);
}
