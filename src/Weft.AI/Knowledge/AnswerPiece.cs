namespace Weft.AI.Knowledge;

/// <summary>A piece of an answer: plain text, or a citation mark (<c>[1]</c>, <c>[2, 3]</c>) with the source numbers it cites.</summary>
internal sealed record AnswerPiece(string Text, IReadOnlyList<int> Cites);
