using Weft.Platform.Persistence;
using Weft.Platform.Tenancy;

namespace Weft.AI.Persistence;

internal sealed class ProviderRecord : ITenantOwned, IVersioned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>One of <see cref="Providers.ProviderKinds"/>.</summary>
    public string Kind { get; set; } = "";
    /// <summary>The provider's address; null for the vendor's own.</summary>
    public string? BaseUrl { get; set; }
    /// <summary>The API key encrypted with the installation's key ring (<see cref="Providers.ProviderSecrets"/>); null when it takes none.</summary>
    public string? ApiKeyProtected { get; set; }
    /// <summary>How long one call may take before the next model of a chain is tried.</summary>
    public int TimeoutSeconds { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }
}
