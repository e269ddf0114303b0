using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Weft.Platform.Persistence;

namespace Weft.Testing.Schema;

/// <summary>
/// SQLite's tables from <c>sqlite_master</c> and the table-valued pragmas. Constraint names and
/// index filters live only in the stored CREATE statements, so they are read from there.
/// </summary>
internal static partial class SqliteSchemaReader
{
    public static async Task<DatabaseSchema> ReadAsync(DbConnection connection, IEnumerable<string> tables, CancellationToken ct)
    {
        var found = new List<TableSchema>();
        foreach (var name in tables)
        {
            var definition = await SqlOfAsync(connection, "table", name, ct);
            if (definition is null) continue;
            found.Add(new TableSchema(name, await ColumnsAsync(connection, name, definition, ct), await PrimaryKeyAsync(connection, name, ct),
                await IndexesAsync(connection, name, definition, ct), await ForeignKeysAsync(connection, name, ct)));
        }
        return new DatabaseSchema(DatabaseOptions.SqliteProvider, found);
    }

    private static async Task<string?> SqlOfAsync(DbConnection connection, string type, string name, CancellationToken ct) =>
        (await Rows.QueryAsync(connection, "SELECT sql FROM sqlite_master WHERE type = @type AND name = @name", ct, ("@type", type), ("@name", name)))
            .Select(r => r[0] as string).FirstOrDefault();

    private static async Task<List<ColumnSchema>> ColumnsAsync(DbConnection connection, string table, string definition, CancellationToken ct)
    {
        var rows = await Rows.QueryAsync(connection, "SELECT name, type, \"notnull\", pk FROM pragma_table_info(@table) ORDER BY cid", ct, ("@table", table));
        var keyColumns = rows.Count(r => Number(r[3]) > 0);
        // AUTOINCREMENT is allowed only on a table's single INTEGER PRIMARY KEY column.
        var autoincrement = definition.Contains("AUTOINCREMENT", StringComparison.OrdinalIgnoreCase) && keyColumns == 1;
        return rows.Select(r => ColumnSchema.Of(DatabaseOptions.SqliteProvider, (string)r[0]!, (string?)r[1] ?? "", Number(r[2]) == 0,
            autoincrement && Number(r[3]) == 1)).ToList();
    }

    private static async Task<PrimaryKeySchema?> PrimaryKeyAsync(DbConnection connection, string table, CancellationToken ct)
    {
        var rows = await Rows.QueryAsync(connection, "SELECT name FROM pragma_table_info(@table) WHERE pk > 0 ORDER BY pk", ct, ("@table", table));
        if (rows.Count == 0) return null;
        // SQLite keeps a key's name only as text of the table's definition (a renamed table keeps its old key
        // name) and never addresses a constraint by name, so names are compared on PostgreSQL only.
        return new PrimaryKeySchema(null, rows.Select(r => (string)r[0]!).ToList());
    }

    private static async Task<List<IndexSchema>> IndexesAsync(DbConnection connection, string table, string definition, CancellationToken ct)
    {
        var indexes = new List<IndexSchema>();
        var list = await Rows.QueryAsync(connection, "SELECT name, \"unique\", origin FROM pragma_index_list(@table) WHERE origin <> 'pk'", ct, ("@table", table));
        foreach (var row in list)
        {
            var name = (string)row[0]!;
            var columns = (await Rows.QueryAsync(connection, "SELECT name, \"desc\" FROM pragma_index_xinfo(@index) WHERE \"key\" = 1 ORDER BY seqno", ct, ("@index", name)))
                .Select(r => (r[0] as string ?? "(expression)") + (Number(r[1]) == 1 ? " DESC" : "")).ToList();
            if ((string)row[2]! == "u")
            {
                indexes.Add(new IndexSchema(UniqueConstraintName(definition, columns) ?? name, columns, true, null, true, null, []));
                continue;
            }
            var filter = IndexFilter().Match(await SqlOfAsync(connection, "index", name, ct) ?? "");
            indexes.Add(new IndexSchema(name, columns, Number(row[1]) == 1, filter.Success ? SqlText.Normalize(filter.Groups[1].Value) : null, false, null, []));
        }
        return indexes;
    }

    private static string? UniqueConstraintName(string definition, List<string> columns) =>
        UniqueConstraint().Matches(definition)
            .Where(m => m.Groups[2].Value.Split(',').Select(c => SqlText.Unquote(c).Trim()).SequenceEqual(columns))
            .Select(m => SqlText.Unquote(m.Groups[1].Value)).FirstOrDefault();

    private static async Task<List<ForeignKeySchema>> ForeignKeysAsync(DbConnection connection, string table, CancellationToken ct)
    {
        var rows = await Rows.QueryAsync(connection,
            "SELECT id, \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list(@table) ORDER BY id, seq", ct, ("@table", table));
        return rows.GroupBy(r => Number(r[0])).Select(g => new ForeignKeySchema(null, g.Select(r => (string)r[2]!).ToList(), (string)g.First()[1]!,
            g.Select(r => r[3] as string ?? "(primary key)").ToList(), (string)g.First()[4]!)).ToList();
    }

    private static long Number(object? value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);

    [GeneratedRegex("""CONSTRAINT\s+("[^"]+"|\S+)\s+UNIQUE\s*\(([^)]*)\)""", RegexOptions.IgnoreCase)]
    private static partial Regex UniqueConstraint();

    [GeneratedRegex(@"\)\s+WHERE\s+(.*)$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex IndexFilter();
}
