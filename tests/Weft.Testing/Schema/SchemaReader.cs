using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Weft.Platform.Persistence;

namespace Weft.Testing.Schema;

/// <summary>
/// Reads named tables back from a database, SQLite or PostgreSQL, into a <see cref="DatabaseSchema"/>
/// that two databases of the same provider can be compared by (<see cref="SchemaComparison"/>).
/// A table that does not exist is left out.
/// </summary>
public static class SchemaReader
{
    public static async Task<DatabaseSchema> ReadAsync(DatabaseOptions database, IEnumerable<string> tables, CancellationToken ct = default)
    {
        await using DbConnection connection = database.IsPostgres
            ? new NpgsqlConnection(database.ConnectionString)
            : new SqliteConnection(database.ConnectionString);
        return await ReadAsync(connection, tables, ct);
    }

    public static async Task<DatabaseSchema> ReadAsync(DbConnection connection, IEnumerable<string> tables, CancellationToken ct = default)
    {
        if (connection.State != ConnectionState.Open) await connection.OpenAsync(ct);
        return connection switch
        {
            NpgsqlConnection => await PostgresSchemaReader.ReadAsync(connection, tables, ct),
            SqliteConnection => await SqliteSchemaReader.ReadAsync(connection, tables, ct),
            _ => throw new NotSupportedException($"No schema reader for {connection.GetType().Name}."),
        };
    }
}
