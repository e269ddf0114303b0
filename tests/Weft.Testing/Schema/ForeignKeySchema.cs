namespace Weft.Testing.Schema;

/// <summary>A foreign key; SQLite keeps no constraint names, so <see cref="Name"/> is null there.</summary>
public sealed record ForeignKeySchema(
    string? Name, IReadOnlyList<string> Columns, string PrincipalTable, IReadOnlyList<string> PrincipalColumns, string OnDelete)
{
    /// <summary>What identifies the key when the two sides are matched up.</summary>
    public string Target => $"({string.Join(", ", Columns)}) -> {PrincipalTable}";

    public override string ToString() =>
        (Name is null ? "" : Name + " ")
        + $"({string.Join(", ", Columns)}) REFERENCES {PrincipalTable} ({string.Join(", ", PrincipalColumns)}) ON DELETE {OnDelete}";
}
