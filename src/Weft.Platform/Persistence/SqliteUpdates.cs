using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
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

    /// <summary>Writes the modified rows, in order, inside the context's current transaction; the caller accepts the changes.</summary>
    public static async Task<int> SaveAsync(DbContext context, List<EntityEntry> modified, CancellationToken ct)
    {
        var connection = context.Database.GetDbConnection();
        await using var maker = connection.CreateCommand();
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
                if ((shape.Keys & (1UL << i)) != 0) throw new InvalidOperationException($"The key of a {entry.Metadata.DisplayName()} row cannot change.");
                changed |= 1UL << i;
                changedValues.Add((i, row.GetCurrentValue(property)));
            }
            if (changed == 0) continue;
            var sql = shape.Texts.GetOrAdd(changed, static (bits, s) => s.Text(bits), shape);
            var parameters = new object[changedValues.Count + 1 + shape.Tokens.Length];
            var n = 0;
            foreach (var (property, value) in changedValues)
            {
                parameters[n] = shape.Parameter(maker, property, n, value);
                n++;
            }
            parameters[n] = shape.Parameter(maker, shape.KeyIndex, n, row.GetCurrentValue(shape.Properties[shape.KeyIndex]));
            n++;
            foreach (var token in shape.Tokens)
            {
                parameters[n] = shape.Parameter(maker, token, n, row.GetOriginalValue(shape.Properties[token]));
                n++;
            }
            var rows = await context.Database.ExecuteSqlRawAsync(sql, parameters, ct);
            if (rows != 1)
                throw new DbUpdateConcurrencyException(
                    $"The {entry.Metadata.DisplayName()} row was changed or removed since it was read; the save changed nothing.", [row]);
        }
        return modified.Count;
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

        /// <summary>A bit per property that is part of a key (primary or alternate): none of them may change.</summary>
        public required ulong Keys { get; init; }
        public required int[] Tokens { get; init; }
        public ConcurrentDictionary<ulong, string> Texts { get; } = new();

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
                Keys = Enumerable.Range(0, properties.Length).Where(i => properties[i].IsKey()).Aggregate(0UL, (bits, i) => bits | (1UL << i)),
                Tokens = [.. Enumerable.Range(0, properties.Length).Where(i => properties[i].IsConcurrencyToken)],
            };
        }

        /// <summary>The statement for one set of changed columns (a bit per property); parameters are <c>{0}</c>, <c>{1}</c>… in order.</summary>
        public string Text(ulong changed)
        {
            var sql = new System.Text.StringBuilder("UPDATE \"").Append(Table).Append("\" SET ");
            var n = 0;
            for (var i = 0; i < Properties.Length; i++)
            {
                if ((changed & (1UL << i)) == 0) continue;
                if (n > 0) sql.Append(", ");
                sql.Append('"').Append(Columns[i]).Append("\" = {").Append(n++).Append('}');
            }
            sql.Append(" WHERE \"").Append(Columns[KeyIndex]).Append("\" = {").Append(n++).Append('}');
            foreach (var token in Tokens) sql.Append(" AND \"").Append(Columns[token]).Append("\" = {").Append(n++).Append('}');
            return sql.ToString();
        }

        public DbParameter Parameter(DbCommand maker, int property, int position, object? value) =>
            Mappings[property].CreateParameter(maker, Names[position], value, Properties[property].IsNullable);
    }

    // Named with SQLite's prefix: Microsoft.Data.Sqlite looks a bare name up under each prefix in turn, at every bind.
    private static readonly string[] Names = [.. Enumerable.Range(0, 130).Select(i => "@p" + i)];
}
