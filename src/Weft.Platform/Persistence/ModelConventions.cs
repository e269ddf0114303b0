using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Weft.Platform.Persistence;

/// <summary>
/// How every module's tables read: snake_case columns, <c>pk_{table}</c> and <c>ix_{table}_{columns}</c>
/// names, times stored and read back as UTC, optimistic versions on <see cref="IVersioned"/> rows.
/// </summary>
public static class ModelConventions
{
    private static readonly ValueConverter<DateTime, DateTime> Utc = new UtcConverter<DateTime>(
        v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private static readonly ValueConverter<DateTime?, DateTime?> UtcNullable = new UtcConverter<DateTime?>(
        v => v, v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);

    /// <summary>
    /// Times go to the database as they are and come back marked UTC. The expressions serve EF Core's compiled queries;
    /// the untyped conversions (what a parameter's value goes through at every save and query) are plain delegates:
    /// EF Core's own, made from the expressions for a nullable type, look types up by reflection at every call.
    /// </summary>
    private sealed class UtcConverter<T>(
        System.Linq.Expressions.Expression<Func<T, T>> toProvider, System.Linq.Expressions.Expression<Func<T, T>> fromProvider)
        : ValueConverter<T, T>(toProvider, fromProvider)
    {
        private static readonly Func<object?, object?> AsIs = v => v;
        private static readonly Func<object?, object?> MarkedUtc = v => v is DateTime d ? DateTime.SpecifyKind(d, DateTimeKind.Utc) : v;

        public override Func<object?, object?> ConvertToProvider => AsIs;

        public override Func<object?, object?> ConvertFromProvider => MarkedUtc;
    }

    public static void Apply(ModelBuilder b)
    {
        foreach (var entity in b.Model.GetEntityTypes())
        {
            if (typeof(IVersioned).IsAssignableFrom(entity.ClrType))
                entity.FindProperty(nameof(IVersioned.Version))!.IsConcurrencyToken = true;
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase(property.Name));
                if (property.ClrType == typeof(DateTime)) property.SetValueConverter(Utc);
                if (property.ClrType == typeof(DateTime?)) property.SetValueConverter(UtcNullable);
            }
            var table = entity.GetTableName();
            foreach (var index in entity.GetIndexes())
                index.SetDatabaseName("ix_" + table + "_" + string.Join("_", index.Properties.Select(p => SnakeCase(p.Name))));
            entity.FindPrimaryKey()?.SetName("pk_" + table);
        }
    }

    public static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0) sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }
}
