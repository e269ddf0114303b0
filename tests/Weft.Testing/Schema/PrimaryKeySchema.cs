namespace Weft.Testing.Schema;

public sealed record PrimaryKeySchema(string? Name, IReadOnlyList<string> Columns)
{
    public override string ToString() => $"{Name ?? "(unnamed)"} ({string.Join(", ", Columns)})";
}
