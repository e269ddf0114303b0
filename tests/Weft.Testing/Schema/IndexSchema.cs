namespace Weft.Testing.Schema;

/// <summary>
/// An index, or a unique constraint (<see cref="Constraint"/>), other than the primary key's. Columns
/// are in key order, a descending one suffixed " DESC"; <see cref="Filter"/> is normalized by
/// <see cref="SqlText.Normalize"/>. <see cref="Method"/> and <see cref="Included"/> are PostgreSQL's.
/// </summary>
public sealed record IndexSchema(
    string Name, IReadOnlyList<string> Columns, bool Unique, string? Filter, bool Constraint, string? Method, IReadOnlyList<string> Included)
{
    public override string ToString() =>
        (Constraint ? "UNIQUE CONSTRAINT" : Unique ? "UNIQUE INDEX" : "INDEX")
        + (Method is null or "btree" ? "" : $" USING {Method}")
        + $" ({string.Join(", ", Columns)})"
        + (Included.Count > 0 ? $" INCLUDE ({string.Join(", ", Included)})" : "")
        + (Filter is null ? "" : $" WHERE {Filter}");
}
