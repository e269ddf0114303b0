using Weft.Platform.Tenancy;

namespace Weft.Identity.Persistence;

internal sealed class ApiKeyRecord : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public string Name { get; set; } = "";
    /// <summary>SHA-256 of the secret part; keys are 256 random bits, so a fast hash is enough.</summary>
    public string SecretHash { get; set; } = "";
    public string Scopes { get; set; } = "";
    public string? AgentKey { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
}
