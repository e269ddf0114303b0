namespace Weft.Production.Orders;

/// <summary>
/// A manufacturing order (<c>type</c> <c>oem</c>) or an atelier job (<c>craft</c>). <c>state</c> is one of draft,
/// released, in_progress, completed, cancelled; <c>progress</c> counts the released flow job's units (pieces, or
/// batch units of <c>unitSize</c> pieces).
/// </summary>
public sealed record OrderDto(
    long Id, string Number, string Type, string Product, int Quantity, string Routing, int? RoutingVersion, int UnitSize,
    DateTime? DueAt, int Priority, string? Notes, string? Customer, OrderLink? LinkedOrder, IReadOnlyList<OrderLink> LinkedJobs,
    string State, long? JobId, OrderProgress? Progress, DateTime CreatedAt, DateTime UpdatedAt, DateTime? ReleasedAt, DateTime? EndedAt,
    int Version);

/// <summary>The other side of a hybrid pair.</summary>
public sealed record OrderLink(long Id, string Number, string State);

/// <param name="Units">Units released (replacements not counted).</param>
/// <param name="Done">Units that reached the end of the routing.</param>
/// <param name="Open">Units still in the flow (replacements included).</param>
/// <param name="Replaced">Units scrapped and replaced (a QC failure, a redesign).</param>
/// <param name="Cancelled">Units cancelled for good.</param>
public sealed record OrderProgress(int Units, int Done, int Open, int Replaced, int Cancelled);

public sealed record CreateOrderRequest(
    string? Product, int? Quantity, string? Routing, DateTime? DueAt, int? Priority, string? Notes, string? Customer,
    long? LinkedOrder, string? Type);

public sealed record UpdateOrderRequest(
    int? Quantity, string? Routing, DateTime? DueAt, int? Priority, string? Notes, string? Customer, long? LinkedOrder, string? Type,
    int? Version);

/// <summary>A release or a cancellation; <c>version</c>, when given, must be the order's current one.</summary>
public sealed record OrderCommandRequest(int? Version);

/// <summary>Which orders a list shows: a state, a product, and a search (an order's number, or words in its product, customer or notes).</summary>
public sealed record OrderFilter(string? State, string? Product, string? Search);
