using System.Globalization;
using System.Text.RegularExpressions;
using Weft.Platform.Persistence;

namespace Weft.Testing.Schema;

/// <summary>
/// A column as the database holds it. <see cref="MaxLength"/> is kept only where the provider enforces
/// it (PostgreSQL's <c>character varying(n)</c>; SQLite ignores declared lengths).
/// </summary>
public sealed partial record ColumnSchema(string Name, string StoreType, bool Nullable, int? MaxLength, bool Identity)
{
    /// <summary>
    /// A column from a store type as the provider spells it (<c>character varying(64)</c>, <c>TEXT</c>):
    /// the enforced length is split off on PostgreSQL; SQLite's type names are compared upper case.
    /// </summary>
    public static ColumnSchema Of(string provider, string name, string storeType, bool nullable, bool identity)
    {
        if (provider != DatabaseOptions.PostgresProvider)
            return new(name, storeType.Trim().ToUpperInvariant(), nullable, null, identity);
        var sized = SizedPostgresType().Match(storeType.Trim());
        return sized.Success
            ? new(name, sized.Groups[1].Value, nullable, int.Parse(sized.Groups[2].Value, CultureInfo.InvariantCulture), identity)
            : new(name, storeType.Trim(), nullable, null, identity);
    }

    public override string ToString() =>
        StoreType + (MaxLength is { } length ? $"({length})" : "") + (Nullable ? " NULL" : " NOT NULL") + (Identity ? " identity" : "");

    [GeneratedRegex(@"^(character varying|character|bit varying|bit)\((\d+)\)$")]
    private static partial Regex SizedPostgresType();
}
