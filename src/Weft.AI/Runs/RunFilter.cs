using Weft.Platform.Errors;

namespace Weft.AI.Runs;

/// <summary>Which runs a list shows: of one agent, in one state, started between two days (UTC, both included).</summary>
internal sealed record RunFilter(string? Agent = null, string? State = null, DateOnly? From = null, DateOnly? To = null)
{
    public static readonly IReadOnlyList<string> States = [RunStates.Running, RunStates.Answered, RunStates.Failed];

    public void Check()
    {
        var errors = new FieldErrors();
        if (State is not null && !States.Contains(State)) errors.Add("state", $"'state' must be one of: {string.Join(", ", States)}.");
        if (From > To) errors.Add("from", "'from' must not be after 'to'.");
        errors.ThrowIfAny();
    }

    public DateTime? StartsAt => From?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    /// <summary>Midnight after <see cref="To"/>: runs started before it are in.</summary>
    public DateTime? EndsBefore => To?.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
}
