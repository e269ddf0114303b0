namespace Weft.Production.Planning;

/// <summary>
/// An agent's shift calendar in API shape: for each day of the week (<c>monday</c> … <c>sunday</c>) its working windows
/// (<c>"08:00"</c>–<c>"12:00"</c>, UTC), and the days off. <c>standard</c> is true while the agent has none of their own.
/// </summary>
public sealed record ShiftCalendarDto(string Agent, IReadOnlyDictionary<string, IReadOnlyList<WindowDto>> Week, IReadOnlyList<DateOnly> DaysOff,
    int MinutesPerWeek, bool Standard, int Version)
{
    private static readonly string[] Days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    /// <summary>
    /// The week in words: "standard (…)", or the working days with their windows, days in a row with the same hours
    /// together ("mon 08:00–10:00; tue–fri 08:00–12:00, 13:00–17:00").
    /// </summary>
    public string WeekInWords
    {
        get
        {
            if (Standard) return "standard (Mon–Fri 08:00–12:00, 13:00–17:00)";
            var runs = new List<(string First, string Last, string Hours)>();
            foreach (var day in Days)
            {
                var hours = string.Join(", ", (Week.GetValueOrDefault(day) ?? []).Select(w => $"{w.Start}–{w.End}"));
                if (runs.Count > 0 && runs[^1].Hours == hours) runs[^1] = runs[^1] with { Last = day };
                else runs.Add((day, day, hours));
            }
            var working = runs.Where(r => r.Hours.Length > 0).ToList();
            return working.Count == 0
                ? "no working hours"
                : string.Join("; ", working.Select(r => (r.First == r.Last ? r.First[..3] : $"{r.First[..3]}–{r.Last[..3]}") + " " + r.Hours));
        }
    }
}

public sealed record WindowDto(string Start, string End);

public sealed record SaveShiftCalendarRequest(IReadOnlyDictionary<string, IReadOnlyList<WindowDto>>? Week, IReadOnlyList<DateOnly>? DaysOff, int? Version);
