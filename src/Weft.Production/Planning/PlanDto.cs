namespace Weft.Production.Planning;

/// <summary>The capacity plan from today: per day and capability, minutes available against minutes of released work; and a forecast finish per order.</summary>
public sealed record PlanDto(DateOnly From, int Days, IReadOnlyList<PlanDayDto> Plan, IReadOnlyList<PlanLoadDto> AfterPlan, IReadOnlyList<OrderForecastDto> Orders);

public sealed record PlanDayDto(DateOnly Date, IReadOnlyList<PlanLoadDto> Capabilities, PlanLoadDto Total);

/// <param name="Demanded">Standard minutes of released work falling on the day, to one decimal.</param>
public sealed record PlanLoadDto(string Capability, int Available, double Demanded, bool Overloaded);

/// <param name="Finish">The forecast finish day; null when it cannot be forecast (see <c>reason</c>).</param>
public sealed record OrderForecastDto(long Id, string Number, string Type, DateOnly? Due, DateOnly? Finish, bool Late, string? Reason, string? Detail,
    IReadOnlyList<PlanLoadDto> Remaining, int Priority);
