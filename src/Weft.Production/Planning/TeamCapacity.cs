namespace Weft.Production.Planning;

/// <summary>
/// Minutes the team can give a day, per capability and in total. Both the capacity plan and the finish forecast read
/// these, so the two never disagree about how much a day holds.
/// </summary>
internal sealed class TeamCapacity(IReadOnlyList<PlanAgent> agents)
{
    /// <summary>Every capability someone has, away or not, so that a capability whose people are all away still shows.</summary>
    public IEnumerable<string> Capabilities => agents.SelectMany(a => a.Capabilities).Distinct(StringComparer.OrdinalIgnoreCase);

    public bool HasPeopleFor(string capability) => agents.Any(a => a.Can(capability));

    /// <summary>An agent with several capabilities counts fully for each of them.</summary>
    public int On(string capability, DateOnly day) => agents.Where(a => !a.Away && a.Can(capability)).Sum(a => a.Calendar.MinutesOn(day));

    /// <summary>Each present agent's minutes once, however many capabilities they have.</summary>
    public int TotalOn(DateOnly day) => agents.Where(a => !a.Away && a.Capabilities.Count > 0).Sum(a => a.Calendar.MinutesOn(day));
}
