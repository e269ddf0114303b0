using System.Data.Common;
using Weft.Flow;
using Weft.Platform.Persistence;

namespace Weft.Bench;

/// <summary>
/// The ceiling for any durable command: BEGIN; INSERT one row; COMMIT, in a plain ADO.NET loop on
/// the same database settings as the host.
/// </summary>
internal sealed class RawTransactions : IAsyncDisposable
{
    private readonly ScratchDatabases databases;
    private readonly DatabaseOptions database;
    private readonly List<DbConnection> connections = [];

    private RawTransactions(ScratchDatabases databases, DatabaseOptions database)
    {
        this.databases = databases;
        this.database = database;
    }

    public static async Task<RawTransactions> CreateAsync(ScratchDatabases databases)
    {
        var raw = new RawTransactions(databases, await databases.CreateAsync("raw"));
        await using var connection = await databases.OpenAsync(raw.database);
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = databases.Provider == "postgres"
            ? "CREATE TABLE bench_scratch (id bigserial PRIMARY KEY, client integer NOT NULL, at timestamptz NOT NULL, note text NOT NULL)"
            : "CREATE TABLE bench_scratch (id integer PRIMARY KEY AUTOINCREMENT, client integer NOT NULL, at text NOT NULL, note text NOT NULL)";
        await cmd.ExecuteNonQueryAsync();
        return raw;
    }

    public async Task<Rate> MeasureAsync(int clients, TimeSpan warmup, TimeSpan duration)
    {
        while (connections.Count < clients) connections.Add(await databases.OpenAsync(database));
        await Measure.ForAsync(clients, warmup, ProcessorTime.OfThisProcess, InsertOneAsync);
        return await Measure.ForAsync(clients, duration, ProcessorTime.OfThisProcess, InsertOneAsync);
    }

    private async Task<bool> InsertOneAsync(int client)
    {
        var connection = connections[client];
        // For SQLite this is BEGIN IMMEDIATE, the same as the engine's EF Core transactions.
        await using var tx = await connection.BeginTransactionAsync();
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "INSERT INTO bench_scratch (client, at, note) VALUES (@client, @at, @note)";
        AddParameter(cmd, "@client", client);
        AddParameter(cmd, "@at", DateTime.UtcNow);
        AddParameter(cmd, "@note", "one durable row");
        await cmd.ExecuteNonQueryAsync();
        await tx.CommitAsync();
        return true;
    }

    private static void AddParameter(DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in connections) await connection.DisposeAsync();
        connections.Clear();
    }
}
