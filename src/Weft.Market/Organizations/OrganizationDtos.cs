namespace Weft.Market.Organizations;

public sealed record OrganizationDto(
    long Id, string Key, string Name, string Kind, string Country, string? Description, string? Website, bool Verified, DateTime CreatedAt, int Version);

public sealed record OrganizationRequest(string? Key, string? Name, string? Kind, string? Country, string? Description, string? Website, int? Version);

public sealed record MemberDto(long UserId, long Organization, string Email, string Name, string Role, DateTime CreatedAt);

public sealed record AddMemberRequest(string? Email, string? Role);

/// <summary>The caller as the marketplace sees them (<c>GET /api/v1/market/me</c>).</summary>
public sealed record MarketMeDto(string Kind, OrganizationDto? Organization, string? Role, string Name);
