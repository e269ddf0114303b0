namespace Weft.Testing.Schema;

public sealed record TableSchema(
    string Name,
    IReadOnlyList<ColumnSchema> Columns,
    PrimaryKeySchema? PrimaryKey,
    IReadOnlyList<IndexSchema> Indexes,
    IReadOnlyList<ForeignKeySchema> ForeignKeys)
{
    public ColumnSchema? Column(string name) => Columns.FirstOrDefault(c => c.Name == name);

    public override string ToString() => $"a table of {Columns.Count} column{(Columns.Count == 1 ? "" : "s")}";
}
