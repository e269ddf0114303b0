namespace Weft.Identity.SigningIn;

public sealed record TokenRequest(string? Email, string? Password, string? ApiKey);

public sealed record TokenResponse(string AccessToken, DateTime ExpiresAt, string TokenType);

public sealed record MeDto(
    string Kind, long Tenant, string TenantKey, string Actor, string? Email, string? Role, string? Agent,
    IReadOnlyList<string> Permissions, string? AntiforgeryToken);
