namespace Weft.Production.Certificates;

// One step done on a piece; Outcome is "pass" or "fail" for a QC step, null otherwise.
internal sealed record PieceStep(
    string Node,
    string NodeName,
    string? AgentName,
    string? AgentKey,
    DateTime? StartedAt,
    DateTime? EndedAt,
    double WorkMinutes,
    string? Outcome,
    string? Note);
