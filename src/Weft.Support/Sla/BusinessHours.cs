using System.Globalization;

namespace Weft.Support.Sla;

/// <summary>
/// A week of opening hours in a time zone, with holidays: SLA clocks run only while it is open. Adding business
/// minutes walks the open intervals from a moment (in the calendar's local time, daylight saving included) until the
/// minutes are spent. No calendar means the clock always runs.
/// </summary>
internal sealed class BusinessHours
{
    /// <summary>A year: an SLA that cannot be met within one is a calendar with (almost) no open hours.</summary>
    private const int MaxDays = 366;

    private readonly TimeZoneInfo zone;
    private readonly IReadOnlyDictionary<DayOfWeek, IReadOnlyList<(TimeOnly From, TimeOnly To)>> week;
    private readonly HashSet<DateOnly> holidays;

    public BusinessHours(TimeZoneInfo zone, IReadOnlyDictionary<DayOfWeek, IReadOnlyList<(TimeOnly From, TimeOnly To)>> week, IEnumerable<DateOnly> holidays)
    {
        this.zone = zone;
        this.week = week;
        this.holidays = [.. holidays];
    }

    /// <summary>The moment <paramref name="minutes"/> business minutes after <paramref name="from"/> (UTC in, UTC out).</summary>
    public DateTime Add(DateTime from, double minutes)
    {
        var utc = DateTime.SpecifyKind(from, DateTimeKind.Utc);
        var local = TimeZoneInfo.ConvertTimeFromUtc(utc, zone);
        var left = TimeSpan.FromMinutes(Math.Max(0, minutes));
        var day = DateOnly.FromDateTime(local);
        for (var i = 0; i <= MaxDays; i++, day = day.AddDays(1))
        {
            if (holidays.Contains(day) || !week.TryGetValue(day.DayOfWeek, out var intervals)) continue;
            foreach (var (open, close) in intervals)
            {
                var start = day.ToDateTime(open);
                var end = close == TimeOnly.MinValue ? day.AddDays(1).ToDateTime(TimeOnly.MinValue) : day.ToDateTime(close);
                if (end <= local) continue;
                if (start < local) start = local;
                var available = end - start;
                if (left <= available) return ToUtc(start + left);
                left -= available;
            }
        }
        throw new InvalidOperationException($"The calendar has too few open hours to fit {minutes:N0} business minutes within a year.");
    }

    /// <summary>Whether the calendar is open at <paramref name="at"/> (UTC).</summary>
    public bool IsOpen(DateTime at)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(at, DateTimeKind.Utc), zone);
        var day = DateOnly.FromDateTime(local);
        if (holidays.Contains(day) || !week.TryGetValue(day.DayOfWeek, out var intervals)) return false;
        var time = TimeOnly.FromDateTime(local);
        return intervals.Any(i => time >= i.From && (i.To == TimeOnly.MinValue || time < i.To));
    }

    private DateTime ToUtc(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        // A moment the clocks skip (spring forward) is the first one after the gap.
        while (zone.IsInvalidTime(unspecified)) unspecified = unspecified.AddMinutes(1);
        return TimeZoneInfo.ConvertTimeToUtc(unspecified, zone);
    }

    public static readonly IReadOnlyList<string> DayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    public static DayOfWeek DayOf(string name) => name switch
    {
        "mon" => DayOfWeek.Monday, "tue" => DayOfWeek.Tuesday, "wed" => DayOfWeek.Wednesday, "thu" => DayOfWeek.Thursday,
        "fri" => DayOfWeek.Friday, "sat" => DayOfWeek.Saturday, "sun" => DayOfWeek.Sunday,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a day name."),
    };

    public static bool TryTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
}
