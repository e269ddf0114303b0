namespace Weft.Production.Planning;

/// <summary>
/// An agent's shift calendar in API shape: for each day of the week (<c>monday</c> … <c>sunday</c>) its working windows
/// (<c>"08:00"</c>–<c>"12:00"</c>, UTC), and the days off. <c>standard</c> is true while the agent has none of their own.
/// </summary>
public sealed record ShiftCalendarDto(string Agent, IReadOnlyDictionary<string, IReadOnlyList<WindowDto>> Week, IReadOnlyList<DateOnly> DaysOff,
    int MinutesPerWeek, bool Standard, int Version);

public sealed record WindowDto(string Start, string End);

public sealed record SaveShiftCalendarRequest(IReadOnlyDictionary<string, IReadOnlyList<WindowDto>>? Week, IReadOnlyList<DateOnly>? DaysOff, int? Version);
