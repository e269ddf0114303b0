namespace Weft.AI.TestConsole;

/// <summary>A passage of a knowledge base a run was given, and how well it matched the input (0-1).</summary>
public sealed record RetrievedChunk(string Document, string? Heading, double Score);
