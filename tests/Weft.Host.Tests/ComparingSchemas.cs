using Weft.Testing;
using Weft.Testing.Schema;

namespace Weft.Host.Tests;

/// <summary>
/// The schema reading and comparison that <see cref="MatchingSchemasToModels"/> relies on sees a
/// difference in every part it reads, on every provider, and reports them all at once: a store's
/// test cannot pass because the reader overlooked something.
/// </summary>
public sealed class ComparingSchemas
{
    private const string First = """
        CREATE TABLE items (id bigint NOT NULL CONSTRAINT pk_items PRIMARY KEY, name varchar(64) NOT NULL, due_at timestamp NULL, state varchar(16) NOT NULL);
        CREATE INDEX ix_items_state ON items (state) WHERE due_at IS NULL;
        CREATE TABLE children (id bigint NOT NULL CONSTRAINT pk_children PRIMARY KEY,
            item_id bigint NOT NULL CONSTRAINT fk_children_items REFERENCES items (id) ON DELETE CASCADE);
        CREATE TABLE gone (id bigint NOT NULL);
        """;

    private const string Second = """
        CREATE TABLE items (id bigint NOT NULL CONSTRAINT pk_items_renamed PRIMARY KEY, name varchar(100) NOT NULL, due_at timestamp NOT NULL,
            state varchar(16) NOT NULL, extra integer NULL);
        CREATE UNIQUE INDEX ix_items_state ON items (state);
        CREATE INDEX ix_items_name ON items (name);
        CREATE TABLE children (id bigint NOT NULL CONSTRAINT pk_children PRIMARY KEY,
            item_id bigint NOT NULL CONSTRAINT fk_children_items REFERENCES items (id));
        """;

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Every_difference_between_two_schemas_is_reported_on_its_own_line(string provider)
    {
        await using var first = await TestDatabases.CreateAsync(provider);
        await using var second = await TestDatabases.CreateAsync(provider);
        await ExecuteAsync(first, First);
        await ExecuteAsync(second, Second);
        string[] tables = ["items", "children", "gone", "never_created"];

        var differences = SchemaComparison.Differences(
            await SchemaReader.ReadAsync(first.Options, tables), "the first has",
            await SchemaReader.ReadAsync(second.Options, tables), "the second");

        var postgres = provider == "postgres";
        string Type(string onPostgres, string onSqlite) => postgres ? onPostgres : onSqlite;
        var key = postgres ? "fk_children_items " : "";
        // Key names are compared on PostgreSQL only: SQLite keeps them as text and never uses them.
        string[] keyName = postgres ? ["items primary key: the first has 'pk_items (id)', the second 'pk_items_renamed (id)'"] : [];
        differences.ShouldBe(
        [
            $"items.name: the first has '{Type("character varying(64)", "VARCHAR(64)")} NOT NULL', the second '{Type("character varying(100)", "VARCHAR(100)")} NOT NULL'",
            $"items.due_at: the first has '{Type("timestamp without time zone", "TIMESTAMP")} NULL', the second '{Type("timestamp without time zone", "TIMESTAMP")} NOT NULL'",
            $"items.extra: the first has nothing, the second '{Type("integer", "INTEGER")} NULL'",
            .. keyName,
            "items index ix_items_state: the first has 'INDEX (state) WHERE due_at IS NULL', the second 'UNIQUE INDEX (state)'",
            "items index ix_items_name: the first has nothing, the second 'INDEX (name)'",
            $"children foreign key (item_id) -> items: the first has '{key}(item_id) REFERENCES items (id) ON DELETE CASCADE', "
                + $"the second '{key}(item_id) REFERENCES items (id) ON DELETE NO ACTION'",
            "gone: the first has a table of 1 column, the second nothing",
        ]);
    }

    private static Task ExecuteAsync(TestDatabase database, string sql) => RawSql.ScalarAsync(database, sql);
}
