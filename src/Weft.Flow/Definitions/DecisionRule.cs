namespace Weft.Flow.Definitions;

/// <summary>
/// One rule of a decision node: when <see cref="When"/> holds for the token's data, the token leaves by
/// the edge labelled <see cref="Outcome"/>. A decision's rules are tried in order; the first that holds
/// wins, and when none does the token takes the default edge.
/// </summary>
public sealed record DecisionRule
{
    public RuleCondition? When { get; init; }
    public string? Outcome { get; init; }
}
