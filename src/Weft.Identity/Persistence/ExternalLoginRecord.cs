using Weft.Platform.Tenancy;

namespace Weft.Identity.Persistence;

/// <summary>
/// A person's account at a sign-in provider: made when they first sign in with it (matched by verified
/// email), then found by the provider's subject, which unlike an email never changes hands.
/// </summary>
internal sealed class ExternalLoginRecord : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    /// <summary>The key of the tenant's sign-in provider.</summary>
    public string Provider { get; set; } = "";
    public string Subject { get; set; } = "";
    public long UserId { get; set; }
    public DateTime CreatedAt { get; set; }
}
