using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Weft.Platform.Errors;
using Weft.Support.Conversations;
using Weft.Support.Persistence;

namespace Weft.Support.Sla;

/// <summary>
/// A tenant's business-hours calendars and SLA policies, and which policy a conversation falls under: the one matching
/// both its priority and its customer's tier, else its priority, else its tier, else one for any conversation.
/// </summary>
internal sealed class SlaSettings(SupportDb data)
{
    public const int MaxMinutes = 366 * 24 * 60;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<CalendarDto>> ListCalendarsAsync(long tenant, CancellationToken ct)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        return (await db.Calendars.AsNoTracking().OrderBy(c => c.Key).ToListAsync(ct)).Select(ToDto).ToList();
    }

    public async Task<CalendarDto> PutCalendarAsync(long tenant, string key, CalendarRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        errors.RequireKey(key, "key");
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200) errors.Add("name", "'name' is required, at most 200 characters.");
        if (string.IsNullOrWhiteSpace(request.TimeZone) || !TimeZoneInfo.TryFindSystemTimeZoneById(request.TimeZone, out _))
            errors.Add("timeZone", "'timeZone' is an IANA time zone such as Europe/Lisbon or America/New_York.");
        var hours = new SortedDictionary<int, List<HoursInterval>>();
        foreach (var (day, intervals) in request.Hours ?? [])
        {
            var index = BusinessHours.DayNames.ToList().IndexOf(day);
            if (index < 0)
            {
                errors.Add("hours", $"'{day}' is not a day; days are {string.Join(", ", BusinessHours.DayNames)}.");
                continue;
            }
            var parsed = new List<(TimeOnly From, TimeOnly To, HoursInterval Text)>();
            foreach (var interval in intervals ?? [])
            {
                if (interval is null || !BusinessHours.TryTime(interval.From, out var from) || !TryEnd(interval.To, out var to)
                    || (to != TimeOnly.MinValue && to <= from))
                {
                    errors.Add($"hours.{day}", $"Each interval of '{day}' is {{from, to}} in HH:mm with 'from' before 'to' ('24:00' ends the day).");
                    continue;
                }
                parsed.Add((from, to, new HoursInterval(interval.From, interval.To)));
            }
            parsed.Sort((a, b) => a.From.CompareTo(b.From));
            for (var i = 1; i < parsed.Count; i++)
                if (parsed[i - 1].To == TimeOnly.MinValue || parsed[i].From < parsed[i - 1].To)
                    errors.Add($"hours.{day}", $"The intervals of '{day}' overlap.");
            if (parsed.Count > 0) hours[index] = parsed.Select(p => p.Text).ToList();
        }
        if (hours.Count == 0 && !errors.Has("hours")) errors.Add("hours", "'hours' opens at least one day, e.g. {\"mon\": [{\"from\": \"09:00\", \"to\": \"17:00\"}]}.");
        var holidays = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var holiday in request.Holidays ?? [])
        {
            if (!DateOnly.TryParseExact(holiday, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                errors.Add("holidays", $"'{holiday}' is not a date (yyyy-MM-dd).");
            else holidays.Add(holiday!);
        }
        if (holidays.Count > 500) errors.Add("holidays", "At most 500 holidays.");
        errors.ThrowIfAny();
        return await data.ChangeAsync(tenant, async db =>
        {
            var calendar = await db.Calendars.FirstOrDefaultAsync(c => c.Key == key, ct);
            if (calendar is null) db.Calendars.Add(calendar = new CalendarRecord { Key = key });
            else if (request.Version is { } version && version != calendar.Version)
                throw WeftException.Conflict("stale_version", $"Calendar '{key}' changed meanwhile (version {calendar.Version}); reload it.");
            calendar.Name = name!;
            calendar.TimeZone = request.TimeZone!;
            calendar.HoursJson = JsonSerializer.Serialize(hours.ToDictionary(h => BusinessHours.DayNames[h.Key], h => h.Value), Json);
            calendar.HolidaysJson = JsonSerializer.Serialize(holidays, Json);
            calendar.UpdatedAt = data.Now;
            await db.SaveChangesAsync(ct);
            return ToDto(calendar);
        }, ct);
    }

    public async Task DeleteCalendarAsync(long tenant, string key, CancellationToken ct) =>
        await data.ChangeAsync(tenant, async db =>
        {
            var calendar = await db.Calendars.FirstOrDefaultAsync(c => c.Key == key, ct)
                ?? throw WeftException.NotFound("calendar_not_found", $"There is no calendar '{key}'.");
            var users = await db.SlaPolicies.AsNoTracking().Where(p => p.Calendar == key).Select(p => p.Key).ToListAsync(ct);
            if (users.Count > 0)
                throw WeftException.Conflict("calendar_in_use", $"SLA policies {string.Join(", ", users)} count on '{key}'; change them first.");
            db.Calendars.Remove(calendar);
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);

    public async Task<IReadOnlyList<SlaPolicyDto>> ListPoliciesAsync(long tenant, CancellationToken ct)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        return (await db.SlaPolicies.AsNoTracking().OrderBy(p => p.Key).ToListAsync(ct)).Select(ToDto).ToList();
    }

    public async Task<SlaPolicyDto> PutPolicyAsync(long tenant, string key, SlaPolicyRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        errors.RequireKey(key, "key");
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200) errors.Add("name", "'name' is required, at most 200 characters.");
        var priority = string.IsNullOrWhiteSpace(request.Priority) ? "" : request.Priority.Trim();
        if (priority.Length > 0 && !Priorities.All.Contains(priority)) errors.Add("priority", $"'priority' is one of {string.Join(", ", Priorities.All)}, or none for any.");
        var tier = request.Tier?.Trim() ?? "";
        if (tier.Length > 32) errors.Add("tier", "'tier' is at most 32 characters.");
        Minutes(errors, request.FirstReplyMinutes, "firstReplyMinutes");
        Minutes(errors, request.NextReplyMinutes, "nextReplyMinutes");
        Minutes(errors, request.ResolutionMinutes, "resolutionMinutes");
        if (request.FirstReplyMinutes is null && request.NextReplyMinutes is null && request.ResolutionMinutes is null)
            errors.Add("firstReplyMinutes", "A policy sets at least one target: firstReplyMinutes, nextReplyMinutes or resolutionMinutes.");
        errors.ThrowIfAny();
        return await data.ChangeAsync(tenant, async db =>
        {
            if (request.Calendar is { } calendarKey && !await db.Calendars.AnyAsync(c => c.Key == calendarKey, ct))
                throw FieldErrors.Of("calendar", $"There is no calendar '{calendarKey}'.");
            var clash = await db.SlaPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.Key != key && p.Priority == priority && p.Tier == tier, ct);
            if (clash is not null)
                throw WeftException.Conflict("sla_policy_clash", $"Policy '{clash.Key}' already covers priority '{Any(priority)}' and tier '{Any(tier)}'.");
            var policy = await db.SlaPolicies.FirstOrDefaultAsync(p => p.Key == key, ct);
            if (policy is null) db.SlaPolicies.Add(policy = new SlaPolicyRecord { Key = key });
            else if (request.Version is { } version && version != policy.Version)
                throw WeftException.Conflict("stale_version", $"SLA policy '{key}' changed meanwhile (version {policy.Version}); reload it.");
            policy.Name = name!;
            policy.Priority = priority;
            policy.Tier = tier;
            policy.FirstReplyMinutes = request.FirstReplyMinutes;
            policy.NextReplyMinutes = request.NextReplyMinutes;
            policy.ResolutionMinutes = request.ResolutionMinutes;
            policy.Calendar = request.Calendar;
            policy.UpdatedAt = data.Now;
            await db.SaveChangesAsync(ct);
            return ToDto(policy);
        }, ct);
    }

    public async Task DeletePolicyAsync(long tenant, string key, CancellationToken ct) =>
        await data.ChangeAsync(tenant, async db =>
        {
            var policy = await db.SlaPolicies.FirstOrDefaultAsync(p => p.Key == key, ct)
                ?? throw WeftException.NotFound("sla_policy_not_found", $"There is no SLA policy '{key}'.");
            db.SlaPolicies.Remove(policy);
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);

    /// <summary>The targets for a conversation of <paramref name="priority"/> from a customer of <paramref name="tier"/>, or null when no policy matches.</summary>
    public static async Task<SlaTargets?> TargetsAsync(SupportDbContext db, string priority, string tier, CancellationToken ct)
    {
        var candidates = await db.SlaPolicies.AsNoTracking()
            .Where(p => (p.Priority == "" || p.Priority == priority) && (p.Tier == "" || p.Tier == tier)).ToListAsync(ct);
        var policy = candidates.OrderByDescending(p => (p.Priority.Length > 0 ? 2 : 0) + (p.Tier.Length > 0 ? 1 : 0)).FirstOrDefault();
        if (policy is null) return null;
        var calendar = policy.Calendar is null ? null : await db.Calendars.AsNoTracking().FirstOrDefaultAsync(c => c.Key == policy.Calendar, ct);
        return new SlaTargets(policy.Key, policy.FirstReplyMinutes, policy.NextReplyMinutes, policy.ResolutionMinutes,
            calendar is null ? null : HoursOf(calendar));
    }

    public static BusinessHours HoursOf(CalendarRecord calendar)
    {
        var hours = JsonSerializer.Deserialize<Dictionary<string, List<HoursInterval>>>(calendar.HoursJson, Json) ?? [];
        var week = hours.ToDictionary(h => BusinessHours.DayOf(h.Key), h => (IReadOnlyList<(TimeOnly, TimeOnly)>)h.Value.Select(i =>
        {
            BusinessHours.TryTime(i.From, out var from);
            TryEnd(i.To, out var to);
            return (from, to);
        }).ToList());
        var holidays = (JsonSerializer.Deserialize<List<string>>(calendar.HolidaysJson, Json) ?? [])
            .Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture));
        return new BusinessHours(TimeZoneInfo.FindSystemTimeZoneById(calendar.TimeZone), week, holidays);
    }

    private static bool TryEnd(string? text, out TimeOnly time)
    {
        if (text == "24:00")
        {
            time = TimeOnly.MinValue;
            return true;
        }
        return BusinessHours.TryTime(text, out time) && time != TimeOnly.MinValue;
    }

    private static void Minutes(FieldErrors errors, int? minutes, string field)
    {
        if (minutes is { } m && (m < 1 || m > MaxMinutes)) errors.Add(field, $"'{field}' is 1 to {MaxMinutes:N0} business minutes.");
    }

    private static string Any(string value) => value.Length == 0 ? "any" : value;

    private static CalendarDto ToDto(CalendarRecord c) =>
        new(c.Key, c.Name, c.TimeZone, JsonSerializer.Deserialize<Dictionary<string, IReadOnlyList<HoursInterval>>>(c.HoursJson, Json) ?? [],
            JsonSerializer.Deserialize<List<string>>(c.HolidaysJson, Json) ?? [], c.Version);

    private static SlaPolicyDto ToDto(SlaPolicyRecord p) =>
        new(p.Key, p.Name, p.Priority.Length == 0 ? null : p.Priority, p.Tier.Length == 0 ? null : p.Tier, p.FirstReplyMinutes, p.NextReplyMinutes,
            p.ResolutionMinutes, p.Calendar, p.Version);
}
