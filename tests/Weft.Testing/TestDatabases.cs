using Npgsql;
using Xunit;
using Weft.Flow;
using Weft.Platform.Persistence;

namespace Weft.Testing;

/// <summary>
/// The databases a suite runs on: SQLite always, PostgreSQL too when WEFT_TEST_POSTGRES holds a
/// connection string (CI sets it). Each test gets a database of its own, dropped afterwards.
/// </summary>
public static class TestDatabases
{
    public const string PostgresVariable = "WEFT_TEST_POSTGRES";

    public static string? PostgresConnection => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } s ? s : null;

    /// <summary>xUnit member data: one row per available provider.</summary>
    public static TheoryData<string> Providers
    {
        get
        {
            var data = new TheoryData<string> { "sqlite" };
            if (PostgresConnection is not null) data.Add("postgres");
            return data;
        }
    }

    /// <summary>
    /// xUnit member data for suites the database is not what they test (sign-in protocols, model providers' wire formats,
    /// multi-agent patterns, mail, webhooks, documents, the host's headers): SQLite only, so CI does not spend its minutes repeating them on PostgreSQL.
    /// </summary>
    public static TheoryData<string> Embedded => new() { "sqlite" };

    /// <summary>
    /// xUnit member data for long suites about concurrent writers (row locks): PostgreSQL when it is there, whose writers
    /// really run at once, else SQLite; not both, for CI's minutes.
    /// </summary>
    public static TheoryData<string> Server => new() { PostgresConnection is null ? "sqlite" : "postgres" };

    public static Task<TestDatabase> CreateAsync(string provider) => provider switch
    {
        "sqlite" => Task.FromResult<TestDatabase>(new SqliteTestDatabase()),
        "postgres" => PostgresTestDatabase.CreateAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "sqlite or postgres"),
    };
}

public abstract class TestDatabase : IAsyncDisposable
{
    public abstract string Provider { get; }
    public abstract string ConnectionString { get; }
    /// <summary>Which scratch database this is, for messages (no credentials).</summary>
    public abstract string Name { get; }
    public DatabaseOptions Options => new(Provider, ConnectionString);
    public abstract ValueTask DisposeAsync();
}

internal sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "weft-tests", Guid.NewGuid().ToString("N"));

    public SqliteTestDatabase() => Directory.CreateDirectory(folder);

    public string FilePath => Path.Combine(folder, "weft.db");
    public override string Provider => "sqlite";
    public override string Name => "sqlite " + Path.GetFileName(folder);
    public override string ConnectionString => DatabaseOptions.Sqlite(FilePath).ConnectionString;

    public override ValueTask DisposeAsync()
    {
        // This database's pool only: clearing every pool would reach into the hosts of tests running beside this one
        // (it marks their connections unpoolable and reclaims any it takes for leaked, racing their opening ones).
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection(ConnectionString))
            Microsoft.Data.Sqlite.SqliteConnection.ClearPool(connection);
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        return ValueTask.CompletedTask;
    }
}

internal sealed class PostgresTestDatabase : TestDatabase
{
    private readonly string admin;
    private readonly string name;

    private PostgresTestDatabase(string admin, string name)
    {
        this.admin = admin;
        this.name = name;
    }

    public override string Provider => "postgres";
    public override string Name => "postgres " + name;

    public override string ConnectionString =>
        new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 60 }.ConnectionString;

    public static async Task<TestDatabase> CreateAsync()
    {
        var admin = TestDatabases.PostgresConnection ?? throw new InvalidOperationException("WEFT_TEST_POSTGRES is not set.");
        var name = "weft_t_" + Guid.NewGuid().ToString("N")[..16];
        await using var conn = new NpgsqlConnection(admin);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", conn);
        await cmd.ExecuteNonQueryAsync();
        return new PostgresTestDatabase(admin, name);
    }

    public override async ValueTask DisposeAsync()
    {
        // This database's pool only, as for SQLite: other tests' hosts keep theirs.
        await using (var connection = new NpgsqlConnection(ConnectionString))
            NpgsqlConnection.ClearPool(connection);
        // A background worker of the server (autovacuum) may still be attached, and a role that is not
        // a superuser cannot terminate it: try again a few times, then leave the scratch database behind
        // rather than fail a test over its cleanup.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var conn = new NpgsqlConnection(admin);
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", conn);
                await cmd.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (e.SqlState is "42501" or "55006")
            {
                if (attempt == 5) return;
                await Task.Delay(200 * attempt);
            }
        }
    }
}
