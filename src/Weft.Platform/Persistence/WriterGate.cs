namespace Weft.Platform.Persistence;

/// <summary>
/// SQLite lets one transaction write at a time, and Microsoft.Data.Sqlite waits for a busy database in
/// steps of 150 ms: two writers of one process that meet lose far more time than either write takes.
/// They queue here instead, in memory, and take their turn as soon as the previous one commits
/// (writers of other processes still meet SQLite's own wait). PostgreSQL needs no turn.
/// </summary>
public sealed class WriterGate(DatabaseOptions database)
{
    private readonly SemaphoreSlim turn = new(1, 1);

    /// <summary>Waits for this process's turn to write; dispose the answer when the transaction has ended.</summary>
    public async ValueTask<Turn> TakeAsync(CancellationToken ct = default)
    {
        if (database.IsPostgres) return default;
        await turn.WaitAsync(ct);
        return new Turn(turn);
    }

    /// <summary>A turn to write (nothing, on PostgreSQL).</summary>
    public readonly struct Turn(SemaphoreSlim? held) : IDisposable
    {
        public void Dispose() => held?.Release();
    }
}
