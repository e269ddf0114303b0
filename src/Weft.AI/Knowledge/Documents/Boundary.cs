namespace Weft.AI.Knowledge.Documents;

/// <summary>What separates a word from the one before it, weakest first: the better places to cut a chunk come last.</summary>
internal enum Boundary
{
    /// <summary>None: a word longer than a whole chunk was cut in pieces.</summary>
    InsideWord,
    Word,
    Sentence,
    Line,
    Paragraph,
}
