using System.Text.Json.Nodes;

namespace Weft.Flow.Definitions;

/// <summary>
/// A condition over the token's data (then the job's): a comparison of one <see cref="Field"/> (a name, or
/// a dotted path into nested objects) with a constant, or a group of conditions that must <see cref="All"/>
/// or <see cref="Any"/> hold. Operators: <c>eq</c> (=), <c>ne</c> (≠), <c>lt</c> (&lt;), <c>lte</c> (≤),
/// <c>gt</c> (&gt;), <c>gte</c> (≥), <c>in</c> (one of <see cref="Values"/>) and <c>exists</c>. Nothing is
/// evaluated as code.
/// </summary>
public sealed record RuleCondition
{
    public string? Field { get; init; }
    public string? Op { get; init; }
    public JsonNode? Value { get; init; }
    public IReadOnlyList<JsonNode?>? Values { get; init; }
    public IReadOnlyList<RuleCondition>? All { get; init; }
    public IReadOnlyList<RuleCondition>? Any { get; init; }
}
