namespace Weft.AI.Patterns;

/// <summary>A pattern as made: its graph and the version published for it, and what it was made from.</summary>
internal sealed record PatternDto(string Graph, string Kind, int GraphVersion, decimal? MaxCost, PatternRequest Spec, DateTime CreatedAt, DateTime UpdatedAt);
