namespace Weft.Platform.Persistence;

/// <summary>Runs commands that span modules in one <see cref="UnitOfWork"/>.</summary>
public sealed class Transactions(DatabaseOptions database)
{
    /// <summary>
    /// Runs <paramref name="work"/> in a new unit of work for <paramref name="tenant"/> and commits it;
    /// a failure rolls back every module's changes. A transient conflict runs the whole command again.
    /// </summary>
    public Task<T> RunAsync<T>(long tenant, Func<UnitOfWork, Task<T>> work, CancellationToken ct = default) =>
        Transient.RetryAsync(async () =>
        {
            await using var unit = await UnitOfWork.BeginAsync(database, tenant, ct);
            var result = await work(unit);
            await unit.CommitAsync(ct);
            return result;
        }, ct);
}
