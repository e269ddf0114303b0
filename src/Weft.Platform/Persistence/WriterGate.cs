namespace Weft.Platform.Persistence;

/// <summary>
/// SQLite lets one transaction write at a time, and Microsoft.Data.Sqlite waits for a busy database in
/// steps of 150 ms: two writers of one process that meet lose far more time than either write takes.
/// The engine's commands queue here instead, in memory, and take their turn as soon as the previous one
/// commits (other writers, and other processes, still meet SQLite's own wait). Units of work across
/// modules do not take a turn: a write started inside one (an event handler's, say) would wait for
/// its own unit for ever. PostgreSQL needs no turn.
/// </summary>
public sealed class WriterGate(DatabaseOptions database)
{
    private readonly SemaphoreSlim turn = new(1, 1);

    /// <summary>Waits for this process's turn to write; dispose the answer when the transaction has ended.</summary>
    public async ValueTask<Turn> TakeAsync(CancellationToken ct = default)
    {
        if (database.IsPostgres) return default;
        // As long as SQLite itself would wait; a write that starts inside another write of this process never gets its turn.
        if (!await turn.WaitAsync(TimeSpan.FromSeconds(30), ct))
            throw new InvalidOperationException("No turn to write to SQLite within 30 s: is a write waiting inside another write of this process?");
        return new Turn(turn);
    }

    /// <summary>A turn to write (nothing, on PostgreSQL).</summary>
    public readonly struct Turn(SemaphoreSlim? held) : IDisposable
    {
        public void Dispose() => held?.Release();
    }
}
