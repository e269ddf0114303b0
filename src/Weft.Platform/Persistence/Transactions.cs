namespace Weft.Platform.Persistence;

/// <summary>Runs commands that span modules in one <see cref="UnitOfWork"/>.</summary>
public sealed class Transactions(DatabaseOptions database, WriterGate writers)
{
    /// <summary>
    /// Runs <paramref name="work"/> in a new unit of work for <paramref name="tenant"/> and commits it;
    /// a failure rolls back every module's changes. A transient conflict runs the whole command again.
    /// On SQLite the unit takes this process's turn to write (<see cref="WriterGate"/>), as engine commands do, so
    /// the process's writers never meet in the database: the engine's commands inside the unit run in its turn.
    /// </summary>
    public Task<T> RunAsync<T>(long tenant, Func<UnitOfWork, Task<T>> work, CancellationToken ct = default) =>
        Transient.RetryAsync(() => writers.RunAsync(async () =>
        {
            await using var unit = await UnitOfWork.BeginAsync(database, tenant, ct);
            var result = await work(unit);
            await unit.CommitAsync(ct);
            return result;
        }, ct), ct);
}
