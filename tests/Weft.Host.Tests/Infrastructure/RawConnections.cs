using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using Weft.Testing;

namespace Weft.Host.Tests.Infrastructure;

/// <summary>A plain connection to a test database, for reading what child hosts wrote, straight from the tables.</summary>
internal static class RawConnections
{
    public static async Task<DbConnection> OpenAsync(TestDatabase database, long tenant)
    {
        if (database.Provider != "postgres")
        {
            var sqlite = new SqliteConnection(database.ConnectionString);
            await sqlite.OpenAsync();
            return sqlite;
        }
        // A pool of its own, so the tenant set here never reaches a connection of anything else.
        var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString) { ApplicationName = "weft-tests-raw" };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var set = new NpgsqlCommand("SELECT set_config('weft.tenant_id', @tenant, false)", connection);
        set.Parameters.AddWithValue("tenant", tenant.ToString(CultureInfo.InvariantCulture));
        await set.ExecuteNonQueryAsync();
        return connection;
    }
}
