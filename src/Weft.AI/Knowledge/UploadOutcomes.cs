namespace Weft.AI.Knowledge;

/// <summary>What an upload did to a knowledge base (<see cref="UploadResult.Outcome"/>).</summary>
internal static class UploadOutcomes
{
    /// <summary>A new document.</summary>
    public const string Created = "created";

    /// <summary>The document of the same name, its chunks replaced and its revision one more.</summary>
    public const string Replaced = "replaced";

    /// <summary>The same file was already there: nothing changed.</summary>
    public const string Unchanged = "unchanged";
}
