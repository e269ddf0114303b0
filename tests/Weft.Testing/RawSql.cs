using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Weft.Testing;

/// <summary>
/// Plain SQL on a test database, past EF Core and the engine: for writing rows the way an older schema
/// held them, or changing a schema by hand. On PostgreSQL the connection has no tenant set (row-level
/// security lets tenant rows through only after <c>TenantRowSecurity.ApplyAsync</c>).
/// </summary>
public static class RawSql
{
    /// <summary>An open connection of the database's provider; dispose it when done.</summary>
    public static async Task<DbConnection> OpenAsync(TestDatabase database)
    {
        DbConnection connection = database.Provider == "postgres"
            ? new NpgsqlConnection(database.ConnectionString)
            : new SqliteConnection(database.ConnectionString);
        try
        {
            await connection.OpenAsync();
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs <paramref name="sql"/> with named parameters (nulls as database nulls); its first column of the first row.</summary>
    public static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction? transaction, string sql,
        params (string Name, object? Value)[] values)
    {
        await using var command = Command(connection, sql, values);
        command.Transaction = transaction;
        return await command.ExecuteScalarAsync();
    }

    /// <summary>Runs <paramref name="sql"/> on a connection of its own.</summary>
    public static async Task<object?> ScalarAsync(TestDatabase database, string sql, params (string Name, object? Value)[] values)
    {
        await using var connection = await OpenAsync(database);
        return await ScalarAsync(connection, null, sql, values);
    }

    internal static DbCommand Command(DbConnection connection, string sql, params (string Name, object? Value)[] values)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in values)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }
}
