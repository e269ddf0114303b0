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
    private static readonly ValueConverter<DateTime, DateTime> Utc =
        new(v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private static readonly ValueConverter<DateTime?, DateTime?> UtcNullable =
        new(v => v, v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);

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
