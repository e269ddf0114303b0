namespace Weft.AI.Knowledge;

/// <summary>How a search found its chunks (<see cref="SearchResult.Mode"/>).</summary>
internal static class SearchModes
{
    /// <summary>By their words alone.</summary>
    public const string Lexical = "lexical";

    /// <summary>By their words and by vectors, the two rankings fused.</summary>
    public const string Hybrid = "hybrid";
}
