namespace Weft.Support.Routing;

/// <summary>The body of <c>PUT /api/v1/support/teams/{key}</c>.</summary>
internal sealed record TeamRequest(string? Name, string? Description, int? Version);

/// <summary>A person of a team, as the engine knows them: their agent, status and the languages they speak.</summary>
internal sealed record TeamMemberDto(string Agent, string Name, string Status, IReadOnlyList<string> Languages);

/// <param name="Capability">What the engine's agents hold to be members: <c>team:&lt;key&gt;</c>.</param>
internal sealed record TeamDto(string Key, string Name, string? Description, string Capability, IReadOnlyList<TeamMemberDto> Members,
    IReadOnlyList<string> Intents, DateTime UpdatedAt, int Version);

/// <summary>The body of <c>PUT /api/v1/support/routing-rules/{intent}</c> (<c>*</c>: every intent without a rule of its own).</summary>
internal sealed record RoutingRuleRequest(string? Team);

internal sealed record RoutingRuleDto(string Intent, string Team, DateTime UpdatedAt);

/// <summary>The body of <c>PATCH</c> (or <c>POST</c>) <c>/api/v1/support/conversations/{id}/team</c>; a null team routes to anyone in support.</summary>
internal sealed record ChangeTeamRequest(string? Team, int? Version);
