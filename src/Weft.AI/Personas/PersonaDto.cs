namespace Weft.AI.Personas;

/// <summary>An AI agent's instructions: the draft being edited, the published versions, and which one its runs use.</summary>
public sealed record PersonaDto(string Agent, PersonaDraftDto? Draft, int? Active, IReadOnlyList<PersonaVersionDto> Versions);

public sealed record PersonaDraftDto(string Instructions, IReadOnlyList<string> Variables, DateTime UpdatedAt);

public sealed record PersonaVersionDto(int Number, string Instructions, IReadOnlyList<string> Variables, string? Note, string? CreatedBy,
    DateTime CreatedAt, bool Active);

public sealed record SaveDraftRequest(string? Instructions);

/// <param name="Note">What changed, for the version list (at most 500 characters).</param>
public sealed record PublishPersonaRequest(string? Note);

/// <summary>A diff between two versions; <c>draft</c> names the draft.</summary>
public sealed record PersonaDiffDto(string From, string To, IReadOnlyList<DiffLine> Lines);
