namespace Weft.Production.Certificates;

// Everything a piece certificate prints: one flow token's path through the atelier.
internal sealed record PieceStory(
    string Tenant,
    string OrderNumber,
    string Product,
    string ProductName,
    string Serial,
    int Generation,
    IReadOnlyList<PieceStep> Steps,
    IReadOnlyList<PieceReplacement> Replacements,
    DateTime? CompletedAt);
