namespace Weft.Testing.Schema;

/// <summary>The tables a <see cref="SchemaReader"/> was asked for and found, as one provider holds them.</summary>
public sealed record DatabaseSchema(string Provider, IReadOnlyList<TableSchema> Tables)
{
    public TableSchema? Table(string name) => Tables.FirstOrDefault(t => t.Name == name);
}
