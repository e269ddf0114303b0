namespace Weft.Support.Sla;

/// <summary>An open interval of a day: <c>09:00</c> to <c>17:30</c> (<c>24:00</c> is the end of the day).</summary>
internal sealed record HoursInterval(string? From, string? To);

/// <summary>The body of <c>PUT /api/v1/support/calendars/{key}</c>: a week of hours per day name (<c>mon</c>…<c>sun</c>; a missing day is closed).</summary>
internal sealed record CalendarRequest(string? Name, string? TimeZone, Dictionary<string, List<HoursInterval?>?>? Hours, List<string?>? Holidays, int? Version);

internal sealed record CalendarDto(string Key, string Name, string TimeZone, IReadOnlyDictionary<string, IReadOnlyList<HoursInterval>> Hours,
    IReadOnlyList<string> Holidays, int Version);

/// <summary>The body of <c>PUT /api/v1/support/sla-policies/{key}</c>; targets are business minutes of the calendar (none: every minute counts).</summary>
internal sealed record SlaPolicyRequest(string? Name, string? Priority, string? Tier, int? FirstReplyMinutes, int? NextReplyMinutes, int? ResolutionMinutes,
    string? Calendar, int? Version);

internal sealed record SlaPolicyDto(string Key, string Name, string? Priority, string? Tier, int? FirstReplyMinutes, int? NextReplyMinutes,
    int? ResolutionMinutes, string? Calendar, int Version);

/// <summary>What applies to one conversation: its policy and the calendar its minutes run on (null: always).</summary>
internal sealed record SlaTargets(string Policy, int? FirstReplyMinutes, int? NextReplyMinutes, int? ResolutionMinutes, BusinessHours? Hours)
{
    public DateTime? Due(DateTime from, int? minutes) => minutes is not { } m ? null : Hours?.Add(from, m) ?? from.AddMinutes(m);
}
