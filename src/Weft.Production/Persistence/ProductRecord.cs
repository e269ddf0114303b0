using Weft.Platform.Persistence;
using Weft.Platform.Tenancy;

namespace Weft.Production.Persistence;

internal sealed class ProductRecord : ITenantOwned, IVersioned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>The key of the product's default routing graph.</summary>
    public string Routing { get; set; } = "";
    /// <summary>Pieces per flow token: 1 makes one token per piece, more makes one per batch unit.</summary>
    public int BatchSize { get; set; } = 1;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }
}
