namespace Weft.Flow.Contracts;

/// <summary>
/// A module that keeps agents' working time (the production module's shift calendars): the agents page shows each
/// person's week beside their capabilities and load, and links a manager to where it is changed.
/// </summary>
public interface IAgentScheduleSource
{
    /// <summary>The address of the page where a manager changes the schedules.</summary>
    string EditPath { get; }

    /// <summary>The tables whose changes change the schedules (a live page reloads on them).</summary>
    IReadOnlyCollection<string> Tables { get; }

    /// <summary>The schedule of every person agent of the tenant, by agent key.</summary>
    Task<IReadOnlyDictionary<string, AgentScheduleDto>> SchedulesAsync(long tenant, CancellationToken ct = default);
}

/// <summary>A person's working week in words, its minutes, and their days off.</summary>
public sealed record AgentScheduleDto(string Week, int MinutesPerWeek, IReadOnlyList<DateOnly> DaysOff);
