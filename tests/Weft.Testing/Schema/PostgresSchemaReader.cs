using System.Data.Common;
using Weft.Platform.Persistence;

namespace Weft.Testing.Schema;

/// <summary>
/// PostgreSQL's tables from <c>pg_catalog</c>: types as <c>format_type</c> spells them, index filters
/// as the server prints them. Row-level security policies are not read: they are not part of a model.
/// </summary>
internal static class PostgresSchemaReader
{
    private const string ColumnsSql = """
        SELECT a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull,
               a.attidentity IN ('a', 'd') OR coalesce(pg_get_expr(d.adbin, d.adrelid), '') LIKE 'nextval(%'
        FROM pg_attribute a
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE a.attrelid = to_regclass(@table) AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY a.attnum
        """;

    private const string PrimaryKeySql = """
        SELECT c.conname,
               array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, o)
                     JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.o)
        FROM pg_constraint c
        WHERE c.conrelid = to_regclass(@table) AND c.contype = 'p'
        """;

    private const string IndexesSql = """
        SELECT i.relname, x.indisunique, pg_get_expr(x.indpred, x.indrelid), m.amname,
               EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid AND c.contype = 'u'),
               array(SELECT pg_get_indexdef(x.indexrelid, k, true) || CASE WHEN x.indoption[k - 1] & 1 = 1 THEN ' DESC' ELSE '' END
                     FROM generate_series(1, x.indnkeyatts) k ORDER BY k),
               array(SELECT pg_get_indexdef(x.indexrelid, k, true) FROM generate_series(x.indnkeyatts + 1, x.indnatts) k ORDER BY k)
        FROM pg_index x
        JOIN pg_class i ON i.oid = x.indexrelid
        JOIN pg_am m ON m.oid = i.relam
        WHERE x.indrelid = to_regclass(@table) AND NOT x.indisprimary
        ORDER BY i.relname
        """;

    private const string ForeignKeysSql = """
        SELECT c.conname,
               array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, o)
                     JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.o),
               p.relname,
               array(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, o)
                     JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.o),
               CASE c.confdeltype WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' WHEN 'd' THEN 'SET DEFAULT'
                                  WHEN 'r' THEN 'RESTRICT' ELSE 'NO ACTION' END
        FROM pg_constraint c
        JOIN pg_class p ON p.oid = c.confrelid
        WHERE c.conrelid = to_regclass(@table) AND c.contype = 'f'
        ORDER BY c.conname
        """;

    public static async Task<DatabaseSchema> ReadAsync(DbConnection connection, IEnumerable<string> tables, CancellationToken ct)
    {
        var found = new List<TableSchema>();
        foreach (var name in tables)
        {
            // A name may carry its schema ("audit.entries"); without one it is looked up on the search path.
            var quoted = string.Join('.', name.Split('.').Select(part => '"' + part.Replace("\"", "\"\"", StringComparison.Ordinal) + '"'));
            if (!(bool)(await Rows.QueryAsync(connection, "SELECT to_regclass(@table) IS NOT NULL", ct, ("@table", quoted)))[0][0]!) continue;
            found.Add(new TableSchema(name, await ColumnsAsync(connection, quoted, ct), await PrimaryKeyAsync(connection, quoted, ct),
                await IndexesAsync(connection, quoted, ct), await ForeignKeysAsync(connection, quoted, ct)));
        }
        return new DatabaseSchema(DatabaseOptions.PostgresProvider, found);
    }

    private static async Task<List<ColumnSchema>> ColumnsAsync(DbConnection connection, string table, CancellationToken ct) =>
        (await Rows.QueryAsync(connection, ColumnsSql, ct, ("@table", table)))
            .Select(r => ColumnSchema.Of(DatabaseOptions.PostgresProvider, (string)r[0]!, (string)r[1]!, (bool)r[2]!, (bool)r[3]!)).ToList();

    private static async Task<PrimaryKeySchema?> PrimaryKeyAsync(DbConnection connection, string table, CancellationToken ct) =>
        (await Rows.QueryAsync(connection, PrimaryKeySql, ct, ("@table", table)))
            .Select(r => new PrimaryKeySchema((string)r[0]!, (string[])r[1]!)).FirstOrDefault();

    private static async Task<List<IndexSchema>> IndexesAsync(DbConnection connection, string table, CancellationToken ct) =>
        (await Rows.QueryAsync(connection, IndexesSql, ct, ("@table", table)))
            .Select(r => new IndexSchema((string)r[0]!, Identifiers(r[5]), (bool)r[1]!, r[2] is string filter ? SqlText.Normalize(filter) : null,
                (bool)r[4]!, (string)r[3]!, Identifiers(r[6])))
            .ToList();

    private static async Task<List<ForeignKeySchema>> ForeignKeysAsync(DbConnection connection, string table, CancellationToken ct) =>
        (await Rows.QueryAsync(connection, ForeignKeysSql, ct, ("@table", table)))
            .Select(r => new ForeignKeySchema((string)r[0]!, (string[])r[1]!, (string)r[2]!, (string[])r[3]!, (string)r[4]!)).ToList();

    private static List<string> Identifiers(object? names) => ((string[])names!).Select(SqlText.Unquote).ToList();
}
