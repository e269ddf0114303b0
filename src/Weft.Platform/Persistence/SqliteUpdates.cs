using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Weft.Platform.Persistence;

/// <summary>
/// A save on SQLite that only updates rows, written without EF Core's update pipeline (ADR 0011): one
/// <c>UPDATE table SET changed columns WHERE key AND version</c> per row, its text kept per entity and set of
/// changed columns (so the connection's prepared statement is reused), its parameters made by the same type
/// mappings EF Core would use, run through <see cref="RelationalDatabaseFacadeExtensions.ExecuteSqlRawAsync(Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade, string, IEnumerable{object}, CancellationToken)"/>
/// (so it is logged, counted and traced like any statement). A row whose version moved meanwhile changes
/// nothing and fails the save with <see cref="DbUpdateConcurrencyException"/>, as EF Core's own save does.
/// EF Core's pipeline (sorting the commands, building each statement's text anew, reading back <c>RETURNING 1</c>)
/// is work these saves do not need: skipping it took the part of saving that is not SQLite's own work from about 16
/// to 11 % of an engine command, and 17 KiB of memory per completion. A save that inserts or deletes anything still
/// goes through EF Core whole.
/// </summary>
internal static class SqliteUpdates
{
    // Per model (a model lives as long as EF Core keeps it; tests build many): what its entities' updates need, or null.
    private static readonly ConditionalWeakTable<IEntityType, StrongBox<Shape?>> shapes = [];

    /// <summary>Whether a modified row of this entity can be saved here: one table, a simple key, no owned or complex parts.</summary>
    public static bool CanUpdate(IEntityType entity) => ShapeOf(entity) is not null;

    /// <summary>
    /// Writes the modified rows, in order, inside the context's current transaction, and what <paramref name="append"/>
    /// gives after them (asked only when there is a row to write); the caller accepts the changes. The last row's update
    /// and the appended rows go to SQLite as one statement text: one EF Core command, not two.
    /// </summary>
    public static async Task<int> SaveAsync(DbContext context, List<EntityEntry> modified, Func<SqliteAppend?> append, CancellationToken ct)
    {
        var connection = context.Database.GetDbConnection();
        await using var maker = connection.CreateCommand();
        var rows = new List<Row>(modified.Count);
        var changedValues = new List<(int Property, object? Value)>();
        foreach (var entry in modified)
        {
            var shape = ShapeOf(entry.Metadata)!;
            // The tracker's own entry answers without a PropertyEntry made per property asked.
            var row = UpdateEntry(entry);
            // One look at each property: which changed, and the value it is written with.
            ulong changed = 0;
            changedValues.Clear();
            for (var i = 0; i < shape.Properties.Length; i++)
            {
                var property = shape.Properties[i];
                if (!row.IsModified(property)) continue;
                if (property.IsKey()) throw new InvalidOperationException($"The key of a {entry.Metadata.DisplayName()} row cannot change.");
                changed |= 1UL << i;
                changedValues.Add((i, row.GetCurrentValue(property)));
            }
            if (changed == 0) continue;
            var values = new object?[changedValues.Count + 1 + shape.Tokens.Length];
            var n = 0;
            foreach (var (property, value) in changedValues) values[n++] = value;
            values[n++] = row.GetCurrentValue(shape.Properties[shape.KeyIndex]);
            foreach (var token in shape.Tokens) values[n++] = row.GetOriginalValue(shape.Properties[token]);
            rows.Add(new Row(entry, row, shape, changed, changedValues.Select(c => c.Property).ToArray(), values));
        }
        if (rows.Count == 0) return 0;
        // Every row but the last on its own; the last with the appended rows, in one statement text. (One update per text:
        // the rows it counts tell whether that row had moved, which a text of several updates could not say of each.)
        await OneByOneAsync(context, maker, rows[..^1], ct);
        var last = rows[^1];
        var appended = append();
        if (appended is null || last.Values.Length + appended.Values.Length > MaxParametersTogether)
        {
            await OneByOneAsync(context, maker, [last], ct);
            if (appended is not null) await context.Database.ExecuteSqlRawAsync(appended.Sql, appended.Values!, ct);
            return rows.Count;
        }
        var parameters = new object[last.Values.Length + appended.Values.Length];
        var at = last.Parameters(maker, parameters, 0);
        // Named by place like the row's (EF Core would name raw values p0, p1… again), typed as EF Core types a raw value.
        var types = context.GetService<IRelationalTypeMappingSource>();
        foreach (var value in appended.Values)
        {
            parameters[at] = types.GetMappingForValue(value).CreateParameter(maker, Name(at), value, nullable: true);
            at++;
        }
        // The appended rows are all written or the statement fails: a count short by one is the row that had moved.
        if (await context.Database.ExecuteSqlRawAsync(Together(last, appended), parameters, ct) != 1 + appended.Rows) throw Moved(last);
        return rows.Count;
    }

    // Beyond this, the appended rows go in a statement of their own.
    private const int MaxParametersTogether = 1000;
    private const int MaxTexts = 4096;

    private static async Task OneByOneAsync(DbContext context, DbCommand maker, List<Row> rows, CancellationToken ct)
    {
        foreach (var row in rows)
        {
            var parameters = new object[row.Values.Length];
            row.Parameters(maker, parameters, 0);
            if (await context.Database.ExecuteSqlRawAsync(row.Shape.Texts.GetOrAdd(row.Changed, static (bits, s) => s.Text(bits, 0), row.Shape), parameters, ct) != 1)
                throw Moved(row);
        }
    }

    private static DbUpdateConcurrencyException Moved(Row row) =>
        new($"The {row.Entry.Metadata.DisplayName()} row was changed or removed since it was read; the save changed nothing.", [row.Update]);

    // The text of a row's update followed by appended rows, kept per entity, changed columns and appended text.
    private static readonly ConcurrentDictionary<(int Shape, ulong Changed, string Appended), string> together = new();

    private static string Together(Row row, SqliteAppend appended)
    {
        var key = (row.Shape.Id, row.Changed, appended.Sql);
        if (together.TryGetValue(key, out var known)) return known;
        var text = row.Shape.Text(row.Changed, 0) + "; " + Renumbered(appended.Sql, row.Values.Length);
        if (together.Count >= MaxTexts) together.Clear();
        together[key] = text;
        return text;
    }

    // Moves a text's {n} placeholders along by offset.
    private static string Renumbered(string sql, int offset) =>
        System.Text.RegularExpressions.Regex.Replace(sql, @"\{(\d+)\}", m => "{" + (int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + offset) + "}");

    /// <summary>One row's update: its entry, which properties changed, and the values written (changed, then key, then versions).</summary>
    private sealed record Row(EntityEntry Entry, Microsoft.EntityFrameworkCore.Update.IUpdateEntry Update, Shape Shape, ulong Changed, int[] ChangedProperties, object?[] Values)
    {
        /// <summary>Puts this row's parameters into <paramref name="parameters"/> from <paramref name="at"/>, each named by its place; answers the next place.</summary>
        public int Parameters(DbCommand maker, object[] parameters, int at)
        {
            var n = 0;
            foreach (var property in ChangedProperties) parameters[at] = Shape.Parameter(maker, property, at++, Values[n++]);
            parameters[at] = Shape.Parameter(maker, Shape.KeyIndex, at++, Values[n++]);
            foreach (var token in Shape.Tokens) parameters[at] = Shape.Parameter(maker, token, at++, Values[n++]);
            return at;
        }
    }

    // The exception names the row as EF Core's own save does (its tracker entry, internal to EF Core but the type it asks for).
#pragma warning disable EF1001
    private static Microsoft.EntityFrameworkCore.Update.IUpdateEntry UpdateEntry(EntityEntry entry) => entry.GetInfrastructure();
#pragma warning restore EF1001

    private static Shape? ShapeOf(IEntityType entity) => shapes.GetValue(entity, static e => new StrongBox<Shape?>(Shape.For(e))).Value;

    /// <summary>What an update of one entity's rows needs: its table, columns and their type mappings, key and version.</summary>
    private sealed class Shape
    {
        public required string Table { get; init; }
        public required IProperty[] Properties { get; init; }
        public required string[] Columns { get; init; }
        public required RelationalTypeMapping[] Mappings { get; init; }
        public required int KeyIndex { get; init; }
        public required int[] Tokens { get; init; }
        public ConcurrentDictionary<ulong, string> Texts { get; } = new();

        public int Id { get; } = Interlocked.Increment(ref lastId);

        private static int lastId;

        public static Shape? For(IEntityType entity)
        {
            if (entity.IsOwned() || entity.GetComplexProperties().Any() || entity.GetNavigations().Any(n => n.TargetEntityType.IsOwned())
                || entity.GetTableName() is not { } table || entity.GetTableMappings().Count() != 1 || entity.GetSchema() is not null)
                return null;
            var properties = entity.GetProperties().ToArray();
            if (properties.Length > 64 || entity.FindPrimaryKey() is not { Properties: [var key] }) return null;
            var store = StoreObjectIdentifier.Table(table, null);
            var columns = new string[properties.Length];
            var mappings = new RelationalTypeMapping[properties.Length];
            for (var i = 0; i < properties.Length; i++)
            {
                var p = properties[i];
                if (p.GetColumnName(store) is not { } column || p.GetRelationalTypeMapping() is not { } mapping
                    || (p.ValueGenerated & ValueGenerated.OnUpdate) != 0 || p.GetComputedColumnSql() is not null)
                    return null;
                columns[i] = column;
                mappings[i] = mapping;
            }
            return new Shape
            {
                Table = table,
                Properties = properties,
                Columns = columns,
                Mappings = mappings,
                KeyIndex = Array.IndexOf(properties, key),
                Tokens = [.. Enumerable.Range(0, properties.Length).Where(i => properties[i].IsConcurrencyToken)],
            };
        }

        /// <summary>The statement for one set of changed columns (a bit per property); parameters are <c>{offset}</c>, <c>{offset + 1}</c>… in order.</summary>
        public string Text(ulong changed, int offset)
        {
            var sql = new System.Text.StringBuilder("UPDATE \"").Append(Table).Append("\" SET ");
            var n = offset;
            for (var i = 0; i < Properties.Length; i++)
            {
                if ((changed & (1UL << i)) == 0) continue;
                if (n > offset) sql.Append(", ");
                sql.Append('"').Append(Columns[i]).Append("\" = {").Append(n++).Append('}');
            }
            sql.Append(" WHERE \"").Append(Columns[KeyIndex]).Append("\" = {").Append(n++).Append('}');
            foreach (var token in Tokens) sql.Append(" AND \"").Append(Columns[token]).Append("\" = {").Append(n++).Append('}');
            return sql.ToString();
        }

        public DbParameter Parameter(DbCommand maker, int property, int position, object? value) =>
            Mappings[property].CreateParameter(maker, Name(position), value, Properties[property].IsNullable);
    }

    // EF Core names the parameter of a raw value at place n "p" + n; these are named the same way, so both kinds mix in one text.
    private static string Name(int position) => position < Names.Length ? Names[position] : "p" + position;

    private static readonly string[] Names = [.. Enumerable.Range(0, 130).Select(i => "p" + i)];
}

/// <summary>
/// Rows a module appends to an update-only save on SQLite (<see cref="ModuleDbContext.AppendToUpdates"/>): an insert whose
/// parameters are <c>{0}</c>, <c>{1}</c>… in the order of <see cref="Values"/>, writing <see cref="Rows"/> rows.
/// </summary>
public sealed record SqliteAppend(string Sql, object?[] Values, int Rows);
