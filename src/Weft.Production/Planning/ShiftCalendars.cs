using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Weft.Flow;
using Weft.Flow.Contracts;
using Weft.Platform.Errors;
using Weft.Platform.Paging;
using Weft.Production.Persistence;

namespace Weft.Production.Planning;

/// <summary>Agents' shift calendars: read with the standard week for those without one, saved by a manager.</summary>
internal sealed class ShiftCalendars(ProductionDb data, FlowEngines engines)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Every person agent's calendar, by agent key.</summary>
    public async Task<IReadOnlyDictionary<string, ShiftCalendar>> OfPeopleAsync(long tenant, IReadOnlyList<AgentDto> agents, CancellationToken ct)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        var rows = await db.ShiftCalendars.AsNoTracking().ToListAsync(ct);
        return agents.Where(a => a.Kind == "person").ToDictionary(a => a.Key,
            a => rows.FirstOrDefault(r => r.AgentKey == a.Key) is { } row ? Parse(row) : ShiftCalendar.Standard());
    }

    public async Task<IReadOnlyList<ShiftCalendarDto>> ListAsync(long tenant, CancellationToken ct = default)
    {
        var agents = await PeopleAsync(tenant, ct);
        await using var db = await data.OpenAsync(tenant, ct);
        var rows = await db.ShiftCalendars.AsNoTracking().ToListAsync(ct);
        return agents.Select(a => rows.FirstOrDefault(r => r.AgentKey == a.Key) is { } row
            ? ToDto(a.Key, Parse(row), standard: false, row.Version)
            : ToDto(a.Key, ShiftCalendar.Standard(), standard: true, 0)).ToList();
    }

    public async Task<ShiftCalendarDto> SaveAsync(long tenant, string agent, SaveShiftCalendarRequest request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var calendar = Read(request, errors);
        errors.ThrowIfAny();
        ShiftCalendar.Validate(calendar!).ThrowIfAny();
        var person = (await PeopleAsync(tenant, ct)).FirstOrDefault(a => a.Key == agent)
            ?? throw WeftException.NotFound("agent_not_found", $"There is no person agent '{agent}'.");
        return await data.ChangeAsync(tenant, async (db, _) =>
        {
            var row = await db.ShiftCalendars.FirstOrDefaultAsync(r => r.AgentKey == person.Key, ct);
            if (request.Version is { } v && v != (row?.Version ?? 0))
                throw WeftException.Conflict("stale_version", $"The calendar of '{agent}' is at version {row?.Version ?? 0}, not {v}.");
            if (row is null)
            {
                row = new ShiftCalendarRecord { AgentKey = person.Key };
                db.ShiftCalendars.Add(row);
            }
            row.WeekJson = JsonSerializer.Serialize(Week(calendar!), Json);
            row.DaysOffJson = JsonSerializer.Serialize(calendar!.DaysOff.Order().ToList(), Json);
            row.UpdatedAt = data.Now;
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            return ToDto(person.Key, calendar, standard: false, row.Version);
        }, ct);
    }

    private async Task<IReadOnlyList<AgentDto>> PeopleAsync(long tenant, CancellationToken ct) =>
        (await AllPages.ReadAsync(cursor => engines.For(tenant).Agents.ListAgentsAsync(FlowEngine.MaxPageSize, cursor, ct)))
            .Where(a => a.Kind == "person").ToList();

    private static ShiftCalendar? Read(SaveShiftCalendarRequest request, FieldErrors errors)
    {
        if (request.Week is null)
        {
            errors["week"] = ["'week' lists the working windows of each day, e.g. { \"monday\": [{ \"start\": \"08:00\", \"end\": \"12:00\" }] }."];
            return null;
        }
        var week = new Dictionary<DayOfWeek, IReadOnlyList<WorkingWindow>>();
        foreach (var (name, windows) in request.Week)
        {
            if (!Enum.TryParse<DayOfWeek>(name, ignoreCase: true, out var day) || int.TryParse(name, out _))
            {
                errors[$"week.{name}"] = ["Days are monday to sunday."];
                continue;
            }
            var parsed = new List<WorkingWindow>();
            foreach (var w in windows ?? [])
            {
                if (TimeOnly.TryParseExact(w.Start, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
                    && TimeOnly.TryParseExact(w.End, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end))
                    parsed.Add(new WorkingWindow(start, end));
                else
                    errors[$"week.{name}"] = ["Windows are times of day as HH:mm, e.g. { \"start\": \"08:00\", \"end\": \"12:00\" }."];
            }
            week[day] = parsed;
        }
        if (request.DaysOff is { Count: > 366 }) errors["daysOff"] = ["At most 366 days off."];
        return new ShiftCalendar(week, (request.DaysOff ?? []).ToHashSet());
    }

    private static Dictionary<string, IReadOnlyList<WindowDto>> Week(ShiftCalendar calendar) =>
        Enum.GetValues<DayOfWeek>().Where(d => calendar.Week.ContainsKey(d)).OrderBy(d => ((int)d + 6) % 7).ToDictionary(d => d.ToString().ToLowerInvariant(),
            d => (IReadOnlyList<WindowDto>)calendar.Week[d].OrderBy(w => w.Start)
                .Select(w => new WindowDto(w.Start.ToString("HH:mm", CultureInfo.InvariantCulture), w.End.ToString("HH:mm", CultureInfo.InvariantCulture))).ToList());

    private static ShiftCalendar Parse(ShiftCalendarRecord row)
    {
        var week = JsonSerializer.Deserialize<Dictionary<string, List<WindowDto>>>(row.WeekJson, Json) ?? [];
        var daysOff = JsonSerializer.Deserialize<List<DateOnly>>(row.DaysOffJson, Json) ?? [];
        return new ShiftCalendar(
            week.ToDictionary(d => Enum.Parse<DayOfWeek>(d.Key, ignoreCase: true),
                d => (IReadOnlyList<WorkingWindow>)d.Value.Select(w => new WorkingWindow(
                    TimeOnly.ParseExact(w.Start, "HH:mm", CultureInfo.InvariantCulture), TimeOnly.ParseExact(w.End, "HH:mm", CultureInfo.InvariantCulture))).ToList()),
            daysOff.ToHashSet());
    }

    private static ShiftCalendarDto ToDto(string agent, ShiftCalendar calendar, bool standard, int version)
    {
        var monday = DateOnly.FromDateTime(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var minutes = Enumerable.Range(0, 7).Sum(i => calendar.Week.TryGetValue(monday.AddDays(i).DayOfWeek, out var w) ? w.Sum(x => x.Minutes) : 0);
        return new ShiftCalendarDto(agent, Week(calendar), calendar.DaysOff.Order().ToList(), minutes, standard, version);
    }
}
