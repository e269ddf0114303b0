using Weft.Flow;
using Weft.Flow.Contracts;
using Weft.Platform.Errors;
using Weft.Production.Persistence;

namespace Weft.Production.Orders;

/// <summary>The rules every manufacturing order and atelier job keeps, and how one is shown.</summary>
internal static class OrderRules
{
    public const int MaxQuantity = FlowEngine.MaxQuantity;

    public static string Number(ProductionOrderRecord order) => $"{OrderKinds.NumberPrefix(order.Kind)}{order.Id:D5}";

    /// <summary>The id an order number of this kind names ("MO-00012", "mo-12", "MO-00012-003"), or null when the text is not one.</summary>
    public static long? IdOfNumber(string kind, string text)
    {
        var prefix = OrderKinds.NumberPrefix(kind);
        // A piece's serial ("MO-00012-003") names its order too.
        var digits = text.Length > prefix.Length ? text[prefix.Length..].Split('-')[0] : "";
        return text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            && long.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            && id > 0 ? id : null;
    }

    public static string Noun(string kind) => kind == OrderKinds.Oem ? "Manufacturing order" : "Atelier job";

    /// <summary>
    /// A manufacturing order is always OEM and an atelier job always craft: a request may repeat the type, never change it.
    /// </summary>
    public static void CannotChooseAnotherType(string kind, string? requested)
    {
        if (requested is null || requested == kind) return;
        throw kind == OrderKinds.Oem
            ? WeftException.Rule("mo_type_fixed", $"A manufacturing order is always OEM; '{requested}' cannot be chosen. Craft work is an atelier job.")
            : WeftException.Rule("atelier_job_type_fixed", $"An atelier job is always craft; '{requested}' cannot be chosen. OEM work is a manufacturing order.");
    }

    public static void CheckFields(FieldErrors errors, string kind, int? quantity, string? routing, DateTime? dueAt, int? priority, string? notes,
        string? customer, long? linkedOrder, bool creating)
    {
        if ((creating || quantity is not null) && quantity is not (>= 1 and <= MaxQuantity))
            errors["quantity"] = [$"'quantity' must be between 1 and {MaxQuantity}."];
        if (routing is not null) errors.RequireKey(routing, "routing");
        if (dueAt is { Kind: DateTimeKind.Unspecified }) errors["dueAt"] = ["'dueAt' must carry a time zone (ISO-8601)."];
        if (priority is < -1000 or > 1000) errors["priority"] = ["'priority' must be between -1000 and 1000."];
        if (notes is { Length: > 2000 }) errors["notes"] = ["'notes' is at most 2000 characters."];
        if (customer is { Length: > 200 }) errors["customer"] = ["'customer' is at most 200 characters."];
        if (linkedOrder is not null && kind == OrderKinds.Oem) errors["linkedOrder"] = ["'linkedOrder' links an atelier job to a manufacturing order; a manufacturing order has none."];
    }

    public static void CheckVersion(ProductionOrderRecord order, int? expected)
    {
        if (expected is { } v && v != order.Version)
            throw WeftException.Conflict("stale_version", $"{Number(order)} is at version {order.Version}, not {v}.");
    }

    public static WeftException NotFound(string kind, long id) =>
        WeftException.NotFound(kind == OrderKinds.Oem ? "order_not_found" : "atelier_job_not_found", $"{Noun(kind)} {id} does not exist.");

    public static WeftException NotDraft(ProductionOrderRecord order) =>
        WeftException.Conflict("order_not_draft", $"{Number(order)} is {order.State}: only a draft can be changed or released.");

    public static WeftException Released(ProductionOrderRecord order) =>
        WeftException.Conflict("order_released",
            $"{Number(order)} is released: only its due date, priority, notes and customer can change; cancel it and make another to change the rest.");

    public static WeftException Ended(ProductionOrderRecord order) =>
        WeftException.Conflict("order_ended", $"{Number(order)} is {order.State}.");

    /// <summary>The state shown: a released order is in progress once its job has work started or units done.</summary>
    public static string StateOf(ProductionOrderRecord order, JobProgressDto? progress) =>
        order.State == OrderStates.Released && progress is { } p && (p.WorkStarted || p.Completed > 0) ? OrderStates.InProgress : order.State;

    public static OrderDto ToDto(ProductionOrderRecord order, JobProgressDto? progress, OrderLink? linkedOrder, IReadOnlyList<OrderLink> linkedJobs) =>
        new(order.Id, Number(order), order.Kind, order.ProductKey, order.Quantity, order.Routing, order.RoutingVersion, order.UnitSize,
            order.DueAt, order.Priority, order.Notes, order.Customer, linkedOrder, linkedJobs, StateOf(order, progress), order.JobId,
            progress is null ? null : new OrderProgress(progress.Completed + progress.Live + progress.Cancelled, progress.Completed,
                progress.Live, progress.Replaced, progress.Cancelled),
            order.CreatedAt, order.UpdatedAt, order.ReleasedAt, order.EndedAt, order.Version);
}
