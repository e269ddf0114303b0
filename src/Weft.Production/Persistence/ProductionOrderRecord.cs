using Weft.Platform.Persistence;
using Weft.Platform.Tenancy;

namespace Weft.Production.Persistence;

/// <summary>A manufacturing order (kind <c>oem</c>) or an atelier job (kind <c>craft</c>): both release as one flow job.</summary>
internal sealed class ProductionOrderRecord : ITenantOwned, IVersioned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public string Kind { get; set; } = OrderKinds.Oem;
    public string ProductKey { get; set; } = "";
    /// <summary>Pieces ordered.</summary>
    public int Quantity { get; set; }
    public string Routing { get; set; } = "";
    /// <summary>The routing version the work was released on; it keeps it when the routing changes.</summary>
    public int? RoutingVersion { get; set; }
    /// <summary>Pieces per flow token, fixed at release (atelier work is always one piece per token).</summary>
    public int UnitSize { get; set; } = 1;
    public DateTime? DueAt { get; set; }
    public int Priority { get; set; }
    public string? Notes { get; set; }
    public string? Customer { get; set; }
    /// <summary>For an atelier job: the manufacturing order whose pieces it consumes (a hybrid pair).</summary>
    public long? LinkedOrderId { get; set; }
    public string State { get; set; } = OrderStates.Draft;
    public long? JobId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? ReleasedAt { get; set; }
    public DateTime? EndedAt { get; set; }
    public string? CreatedBy { get; set; }
    public int Version { get; set; }
}
