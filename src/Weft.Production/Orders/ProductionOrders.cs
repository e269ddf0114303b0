using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Weft.Flow;
using Weft.Flow.Contracts;
using Weft.Platform.Errors;
using Weft.Platform.Persistence;
using Weft.Production.Persistence;
using Weft.Production.Products;

namespace Weft.Production.Orders;

/// <summary>
/// A manager creates manufacturing orders and atelier jobs as drafts, changes them while they are drafts,
/// releases them (a flow job starts in the same transaction) and cancels them (their open units are cancelled
/// in the same transaction).
/// </summary>
internal sealed class ProductionOrders(ProductionDb data, FlowEngines engines, OrderQueries queries)
{
    public async Task<OrderDto> CreateAsync(long tenant, string kind, string actor, CreateOrderRequest request, CancellationToken ct = default)
    {
        OrderRules.CannotChooseAnotherType(kind, request.Type);
        var errors = new FieldErrors();
        errors.RequireKey(request.Product, "product");
        OrderRules.CheckFields(errors, kind, request.Quantity, request.Routing, request.DueAt, request.Priority, request.Notes, request.Customer,
            request.LinkedOrder, creating: true);
        errors.ThrowIfAny();
        if (request.Routing is not null) await ProductRules.RequireRoutingAsync(engines.For(tenant), request.Routing, ct);
        var id = await data.ChangeAsync(tenant, async (db, _) =>
        {
            var product = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Key == request.Product, ct)
                ?? throw WeftException.Rule("product_not_found", $"There is no product '{request.Product}'.");
            if (request.LinkedOrder is { } linked) await RequireLinkableAsync(db, linked, ct);
            var order = new ProductionOrderRecord
            {
                Kind = kind,
                ProductKey = product.Key,
                Quantity = request.Quantity!.Value,
                Routing = request.Routing ?? product.Routing,
                DueAt = request.DueAt?.ToUniversalTime(),
                Priority = request.Priority ?? 0,
                Notes = request.Notes,
                Customer = request.Customer,
                LinkedOrderId = request.LinkedOrder,
                State = OrderStates.Draft,
                CreatedAt = data.Now,
                UpdatedAt = data.Now,
                CreatedBy = actor,
            };
            db.Orders.Add(order);
            await db.SaveChangesAsync(ct);
            return order.Id;
        }, ct);
        return await queries.GetAsync(tenant, kind, id, ct);
    }

    /// <summary>
    /// Changes a draft; once released, only its due date, priority, notes and customer change, and a new due date or
    /// priority goes to its flow job in the same transaction (its open work follows the new plan).
    /// </summary>
    public async Task<OrderDto> UpdateAsync(long tenant, string kind, string actor, long id, UpdateOrderRequest request, CancellationToken ct = default)
    {
        OrderRules.CannotChooseAnotherType(kind, request.Type);
        var errors = new FieldErrors();
        OrderRules.CheckFields(errors, kind, request.Quantity, request.Routing, request.DueAt, request.Priority, request.Notes, request.Customer,
            request.LinkedOrder, creating: false);
        errors.ThrowIfAny();
        if (request.Routing is not null) await ProductRules.RequireRoutingAsync(engines.For(tenant), request.Routing, ct);
        return await ChangeOrderAsync(tenant, kind, id, request.Version, async (db, unit, order) =>
        {
            if (order.State == OrderStates.Released && order.JobId is { } job)
            {
                if (request.Quantity is not null || request.Routing is not null || request.LinkedOrder is not null)
                    throw OrderRules.Released(order);
                if (request.DueAt is not null || request.Priority is not null)
                    await engines.For(tenant).Jobs.ReplanJobAsync(new CommandContext(actor) { Unit = unit }, job,
                        new ReplanJobRequest(request.Priority, request.DueAt), ct);
            }
            else if (order.State != OrderStates.Draft)
            {
                throw OrderRules.NotDraft(order);
            }
            if (request.LinkedOrder is { } linked) await RequireLinkableAsync(db, linked, ct);
            if (request.Quantity is { } quantity) order.Quantity = quantity;
            if (request.Routing is not null) order.Routing = request.Routing;
            if (request.DueAt is { } due) order.DueAt = due.ToUniversalTime();
            if (request.Priority is { } priority) order.Priority = priority;
            if (request.Notes is not null) order.Notes = request.Notes;
            if (request.Customer is not null) order.Customer = request.Customer;
            if (request.LinkedOrder is not null) order.LinkedOrderId = request.LinkedOrder;
        }, ct);
    }

    /// <summary>
    /// Releases a draft: a flow job on the routing's latest published version, one token per piece (per batch unit for
    /// a product made in batches; atelier work always per piece), committed together with the order's new state.
    /// </summary>
    public Task<OrderDto> ReleaseAsync(long tenant, string kind, string actor, long id, OrderCommandRequest request, CancellationToken ct = default) =>
        ChangeOrderAsync(tenant, kind, id, request.Version, async (db, unit, order) =>
        {
            if (order.State != OrderStates.Draft) throw OrderRules.NotDraft(order);
            var product = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Key == order.ProductKey, ct)
                ?? throw WeftException.Rule("product_not_found", $"Product '{order.ProductKey}' no longer exists.");
            var linked = order.LinkedOrderId is { } linkedId ? await RequireLinkableAsync(db, linkedId, ct) : null;
            var unitSize = kind == OrderKinds.Craft ? 1 : product.BatchSize;
            var units = (order.Quantity + unitSize - 1) / unitSize;
            var number = OrderRules.Number(order);
            var engine = engines.For(tenant);
            var job = await engine.Jobs.StartJobAsync(new CommandContext(actor) { Unit = unit },
                new StartJobRequest(order.Routing, null, units, number, order.Priority, order.DueAt,
                    new JsonObject { ["order"] = number, ["orderId"] = order.Id, ["type"] = kind, ["product"] = order.ProductKey, ["unitSize"] = unitSize }),
                ct);
            if (linked is not null)
            {
                await HybridPairs.RequireWaitForComponentsAsync(engine, order.Routing, job.Version, ct);
                if (linked.State == OrderStates.Completed) await HybridPairs.ComponentsReadyAsync(engine, unit, actor, order, linked, ct);
            }
            order.JobId = job.Id;
            order.RoutingVersion = job.Version;
            order.UnitSize = unitSize;
            order.State = OrderStates.Released;
            order.ReleasedAt = data.Now;
        }, ct);

    /// <summary>Cancels an order that has not ended: a released one's open units are cancelled for good in the same transaction.</summary>
    public Task<OrderDto> CancelAsync(long tenant, string kind, string actor, long id, OrderCommandRequest request, CancellationToken ct = default) =>
        ChangeOrderAsync(tenant, kind, id, request.Version, async (_, unit, order) =>
        {
            if (order.State is OrderStates.Completed or OrderStates.Cancelled) throw OrderRules.Ended(order);
            if (order.JobId is { } job)
            {
                try
                {
                    await engines.For(tenant).Jobs.CancelJobAsync(new CommandContext(actor) { Unit = unit }, job, ct);
                }
                catch (WeftException e) when (e.Code == "job_not_active")
                {
                    // The job ended before its news reached this order: it is over, not cancellable.
                    throw WeftException.Conflict("order_ended", $"{OrderRules.Number(order)} has no open units left to cancel.");
                }
            }
            order.State = OrderStates.Cancelled;
            order.EndedAt = data.Now;
        }, ct);

    /// <summary>
    /// One change to one order in a unit of work (which the engine's commands join): the order is read and its version
    /// checked, <paramref name="change"/> runs, the order is saved; the answer is the order as it is after the commit.
    /// </summary>
    private async Task<OrderDto> ChangeOrderAsync(long tenant, string kind, long id, int? version,
        Func<ProductionDbContext, UnitOfWork, ProductionOrderRecord, Task> change, CancellationToken ct)
    {
        await data.ChangeAsync(tenant, async (db, unit) =>
        {
            var order = await FindAsync(db, kind, id, ct);
            OrderRules.CheckVersion(order, version);
            await change(db, unit, order);
            order.UpdatedAt = data.Now;
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            return order.Id;
        }, ct);
        return await queries.GetAsync(tenant, kind, id, ct);
    }

    private static async Task<ProductionOrderRecord> FindAsync(ProductionDbContext db, string kind, long id, CancellationToken ct) =>
        await db.Orders.FirstOrDefaultAsync(o => o.Id == id && o.Kind == kind, ct) ?? throw OrderRules.NotFound(kind, id);

    /// <summary>An atelier job may consume the pieces of a manufacturing order that is not cancelled.</summary>
    private static async Task<ProductionOrderRecord> RequireLinkableAsync(ProductionDbContext db, long orderId, CancellationToken ct)
    {
        var linked = await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == orderId && o.Kind == OrderKinds.Oem, ct)
            ?? throw WeftException.Rule("linked_order_not_found", $"There is no manufacturing order {orderId} to link to.");
        if (linked.State == OrderStates.Cancelled)
            throw WeftException.Rule("linked_order_cancelled", $"{OrderRules.Number(linked)} is cancelled; an atelier job cannot consume its pieces.");
        return linked;
    }
}
