using Weft.Flow.Contracts;
using Weft.Production.Ui;

namespace Weft.Production.Planning;

/// <summary>The people's shift calendars as the agents page shows them; a manager changes them on the plan.</summary>
internal sealed class ShiftCalendarSchedules(ShiftCalendars calendars) : IAgentScheduleSource
{
    public string EditPath => "/production/plan#shift-calendars";

    public IReadOnlyCollection<string> Tables => [ProductionTables.ShiftCalendars];

    public async Task<IReadOnlyDictionary<string, AgentScheduleDto>> SchedulesAsync(long tenant, CancellationToken ct = default) =>
        (await calendars.ListAsync(tenant, ct)).ToDictionary(c => c.Agent, c => new AgentScheduleDto(c.WeekInWords, c.MinutesPerWeek, c.DaysOff));
}
