namespace Weft.AI.Knowledge.Documents;

/// <summary>A piece of one section, small enough to embed and to quote in an answer.</summary>
/// <param name="Sequence">The chunk's place in its document, from 1.</param>
/// <param name="Heading">The section's heading path joined with " › " ("" when it has none).</param>
/// <param name="Text">A stretch of the section's text; nothing of the heading itself.</param>
internal sealed record DocumentChunk(int Sequence, string Heading, string Text);
