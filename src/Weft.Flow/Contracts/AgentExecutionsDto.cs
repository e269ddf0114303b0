namespace Weft.Flow.Contracts;

/// <summary>What an automated agent's handler did since a moment: runs that succeeded, attempts that failed, time taken, the last error.</summary>
public sealed record AgentExecutionsDto(
    string Agent, int Succeeded, int FailedAttempts, double? MeanSeconds, double? MaxSeconds, string? LastError, DateTime? LastFailureAt, DateTime? LastRunAt);
