namespace Weft.Flow.Definitions;

/// <summary>
/// A field of the data a graph's tokens carry, with its type (<c>string</c>, <c>number</c>, <c>boolean</c>
/// or <c>date</c>): rules on declared fields are checked against their type when the graph is validated.
/// </summary>
public sealed record FieldDefinition
{
    public string Name { get; init; } = "";
    public string Type { get; init; } = "";
}
