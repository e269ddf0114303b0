namespace Weft.AI.Knowledge.Documents;

/// <summary>A word of a section's text: where it starts and ends, and what separates it from the word before.</summary>
internal readonly record struct ChunkWord(int Start, int End, Boundary Before);
