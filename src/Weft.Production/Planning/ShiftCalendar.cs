using Weft.Platform.Errors;

namespace Weft.Production.Planning;

/// <summary>When one agent works: a weekly pattern of working windows, less the days off.</summary>
internal sealed record ShiftCalendar(IReadOnlyDictionary<DayOfWeek, IReadOnlyList<WorkingWindow>> Week, IReadOnlySet<DateOnly> DaysOff)
{
    /// <summary>Monday to Friday, 08:00–12:00 and 13:00–17:00 (480 minutes a day).</summary>
    public static ShiftCalendar Standard(params DateOnly[] daysOff)
    {
        IReadOnlyList<WorkingWindow> day = [new(new(8, 0), new(12, 0)), new(new(13, 0), new(17, 0))];
        var week = new Dictionary<DayOfWeek, IReadOnlyList<WorkingWindow>>
        {
            [DayOfWeek.Monday] = day, [DayOfWeek.Tuesday] = day, [DayOfWeek.Wednesday] = day,
            [DayOfWeek.Thursday] = day, [DayOfWeek.Friday] = day,
        };
        return new(week, daysOff.ToHashSet());
    }

    public int MinutesOn(DateOnly day) =>
        DaysOff.Contains(day) || !Week.TryGetValue(day.DayOfWeek, out var windows) ? 0 : windows.Sum(w => w.Minutes);

    /// <summary>Whether the moment (UTC) falls in one of its day's windows, on a day that is not off.</summary>
    public bool WorksAt(DateTime moment)
    {
        var day = DateOnly.FromDateTime(moment);
        var time = TimeOnly.FromDateTime(moment);
        return !DaysOff.Contains(day) && Week.TryGetValue(day.DayOfWeek, out var windows) && windows.Any(w => w.Start <= time && time < w.End);
    }

    /// <summary>Each window ends after it starts and no two windows of a day overlap; windows may touch (12:00–12:00).</summary>
    public static FieldErrors Validate(ShiftCalendar calendar)
    {
        var errors = new FieldErrors();
        foreach (var (day, windows) in calendar.Week.OrderBy(d => d.Key))
        {
            var field = $"week.{day}";
            foreach (var w in windows.Where(w => w.End <= w.Start))
                errors.Add(field, $"The window {w} must end after it starts.");
            var valid = windows.Where(w => w.End > w.Start).OrderBy(w => w.Start).ToList();
            for (var i = 1; i < valid.Count; i++)
            {
                if (valid[i].Start < valid[i - 1].End) errors.Add(field, $"The windows {valid[i - 1]} and {valid[i]} overlap.");
            }
        }
        return errors;
    }
}
