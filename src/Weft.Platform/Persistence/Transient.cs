using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Weft.Platform.Persistence;

/// <summary>
/// Failures that mean "a concurrent change came first", after which running the same change again
/// from a fresh read gives the right answer: a stale row version, a serialization failure or deadlock,
/// a unique index hit by a concurrent insert, a busy SQLite database.
/// </summary>
public static class Transient
{
    public static bool IsTransient(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case DbUpdateConcurrencyException:
                    return true;
                case PostgresException pg when pg.SqlState is "40001" or "40P01" or "23505" or "55P03":
                    return true;
                case SqliteException sq when sq.SqliteErrorCode is 5 or 6:
                    return true;
                case SqliteException sq when sq.SqliteErrorCode == 19 && sq.SqliteExtendedErrorCode is 2067 or 1555:
                    return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Failures that mean "the database has no room for this request now": PostgreSQL refusing a connection because its
    /// slots are taken (53300) or because it is starting or stopping (57P03), or this process's pool having no connection
    /// free within its timeout. Not the request's fault, and not repaired by running it again at once: the caller is told
    /// to come back shortly.
    /// </summary>
    public static bool IsOverloaded(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg when pg.SqlState is "53300" or "57P03":
                    return true;
                case NpgsqlException { InnerException: TimeoutException }:
                    return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Runs <paramref name="attempt"/> until it does not fail transiently (at most <paramref name="maxAttempts"/>
    /// times, with a short random pause between), so each run's checks see the concurrent change.
    /// </summary>
    public static async Task<T> RetryAsync<T>(Func<Task<T>> attempt, CancellationToken ct, int maxAttempts = 30, Action<Exception, int>? onRetry = null)
    {
        for (var n = 1; ; n++)
        {
            try
            {
                return await attempt();
            }
            catch (Exception e) when (n < maxAttempts && IsTransient(e))
            {
                onRetry?.Invoke(e, n);
                await Task.Delay(Random.Shared.Next(1, Math.Min(5 + (n * 5), 60)), ct);
            }
        }
    }
}
