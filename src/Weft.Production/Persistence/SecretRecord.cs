using Weft.Platform.Tenancy;

namespace Weft.Production.Persistence;

/// <summary>A tenant's key for one purpose (signing piece certificates), made on first use and never shown.</summary>
internal sealed class SecretRecord : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public string Purpose { get; set; } = "";
    public byte[] Key { get; set; } = [];
    public DateTime CreatedAt { get; set; }
}
