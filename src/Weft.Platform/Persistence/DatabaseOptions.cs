using Microsoft.Data.Sqlite;

namespace Weft.Platform.Persistence;

/// <summary>The one database every module keeps its tables in: SQLite (embedded default) or PostgreSQL.</summary>
public sealed record DatabaseOptions(string Provider, string ConnectionString)
{
    public const string SqliteProvider = "sqlite";
    public const string PostgresProvider = "postgres";

    /// <summary>
    /// The application's tenant filter on every query. Switching it off is a diagnostic for
    /// PostgreSQL only, to show that row-level security alone keeps tenants apart.
    /// </summary>
    public bool ApplicationTenantFilter { get; init; } = true;

    public bool IsPostgres => string.Equals(Provider, PostgresProvider, StringComparison.OrdinalIgnoreCase);

    public static DatabaseOptions Sqlite(string path) =>
        new(SqliteProvider, new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 60 }.ToString());

    /// <summary>Refuses settings no module could run on.</summary>
    public DatabaseOptions Validated()
    {
        if (!IsPostgres && !string.Equals(Provider, SqliteProvider, StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"Weft:Database:Provider must be 'sqlite' or 'postgres', not '{Provider}'.");
        if (!ApplicationTenantFilter && !IsPostgres)
            throw new InvalidOperationException("The application tenant filter can only be switched off on PostgreSQL, where row-level security isolates tenants.");
        return this;
    }
}
