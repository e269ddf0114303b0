namespace Weft.AI.Models;

/// <summary>What a model of the catalogue is used for.</summary>
public static class ModelPurposes
{
    /// <summary>Answers conversations (agents' runs).</summary>
    public const string Chat = "chat";

    /// <summary>Turns text into vectors (knowledge search).</summary>
    public const string Embeddings = "embeddings";

    public static readonly IReadOnlyList<string> All = [Chat, Embeddings];
}
