using Microsoft.EntityFrameworkCore;
using Weft.Commerce.Persistence;
using Weft.Commerce.Suppliers;
using Weft.Flow;
using Weft.Flow.Contracts;
using Weft.Platform.Persistence;
using Weft.Platform.Audit;
using Weft.Platform.Errors;
using Weft.Platform.Paging;

namespace Weft.Commerce.Purchasing;

/// <summary>
/// Purchase orders: written as drafts (by a buyer, or from approved replenishment suggestions), approved, sent to the
/// supplier (a PDF by email), received (by inbound, in part or in full) and closed, or cancelled before anything came.
/// Every change checks the version the caller read and the state the order is in.
/// </summary>
internal sealed class PurchaseOrders(CommerceDb data, PurchaseOrderMail mail, FlowEngines engines)
{
    public const int MaxLines = 500;

    public async Task<PurchaseOrderDto> CreateAsync(long tenant, string actor, CreatePurchaseOrderRequest request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        errors.RequireKey(request.Supplier, "supplier");
        errors.RequireKey(request.Warehouse, "warehouse");
        if (request.Note is { Length: > 2000 }) errors.Add("note", "'note' is at most 2,000 characters.");
        if (request.Lines is not { Count: > 0 and <= MaxLines }) errors.Add("lines", $"Give 1-{MaxLines} lines.");
        else
        {
            for (var i = 0; i < request.Lines.Count; i++)
            {
                var line = request.Lines[i];
                if (line is null) { errors.Add($"lines[{i}]", "A line has a 'sku' and a 'quantity'."); continue; }
                if (string.IsNullOrWhiteSpace(line.Sku) || line.Sku.Length > 64) errors.Add($"lines[{i}].sku", "'sku' is required.");
                if (line.Quantity is not (> 0 and <= 1_000_000_000) || decimal.Round(line.Quantity.Value, 4) != line.Quantity.Value)
                    errors.Add($"lines[{i}].quantity", "'quantity' must be more than 0, at most 1,000,000,000, with at most 4 decimals.");
                if (line.UnitPrice is not null and not (> 0 and <= 1_000_000_000)) errors.Add($"lines[{i}].unitPrice", "'unitPrice' must be more than 0.");
            }
            foreach (var dup in request.Lines.Where(l => l?.Sku is not null).GroupBy(l => l.Sku).Where(g => g.Count() > 1))
                errors.Add("lines", $"SKU '{dup.Key}' is on two lines: give one line per SKU.");
        }
        errors.ThrowIfAny();
        var id = await data.ChangeAsync(tenant, async db =>
        {
            var supplier = await Suppliers.Suppliers.FindAsync(db, request.Supplier!, ct);
            var warehouse = await db.Warehouses.AsNoTracking().FirstOrDefaultAsync(w => w.Key == request.Warehouse, ct)
                ?? throw WeftException.Rule("warehouse_not_found", $"There is no warehouse '{request.Warehouse}'.");
            var lines = new List<(string Sku, decimal Quantity, decimal? UnitPrice, long? Suggestion)>();
            foreach (var l in request.Lines!) lines.Add((l.Sku!, l.Quantity!.Value, l.UnitPrice, null));
            var order = await WriteInAsync(db, actor, supplier, warehouse.Id, lines, request.Note?.Trim() ?? "", ct);
            return order.Id;
        }, ct);
        return await GetAsync(tenant, id, ct);
    }

    /// <summary>
    /// A draft for one supplier and warehouse, inside the caller's unit of work: each SKU must be one the supplier sells
    /// (its supplier SKU goes on the line), priced at the supplier's price for the quantity unless a price is given.
    /// </summary>
    internal async Task<PurchaseOrderRecord> WriteInAsync(CommerceDbContext db, string actor, SupplierRecord supplier, long warehouse,
        IReadOnlyList<(string Sku, decimal Quantity, decimal? UnitPrice, long? Suggestion)> lines, string note, CancellationToken ct)
    {
        var skus = lines.Select(l => l.Sku).ToList();
        var sold = await db.SupplierProducts.AsNoTracking().Where(p => p.SupplierId == supplier.Id && skus.Contains(p.Sku)).ToDictionaryAsync(p => p.Sku, ct);
        var unsold = skus.Where(s => !sold.ContainsKey(s)).ToList();
        if (unsold.Count > 0)
            throw WeftException.Rule("not_sold_by_supplier",
                $"'{supplier.Key}' does not sell {string.Join(", ", unsold.Select(s => $"'{s}'"))}: add them to the supplier's products first.", new { skus = unsold });
        var order = new PurchaseOrderRecord
        {
            Number = "PO-" + Guid.NewGuid().ToString("N")[..12], SupplierId = supplier.Id, WarehouseId = warehouse, State = PurchaseOrderStates.Draft,
            Currency = supplier.Currency, Note = note, CreatedBy = actor, CreatedAt = data.Now,
        };
        db.PurchaseOrders.Add(order);
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
        order.Number = $"PO-{order.Id:D5}";
        foreach (var (sku, quantity, price, suggestion) in lines)
        {
            var product = sold[sku];
            var unitPrice = price ?? Suppliers.Suppliers.TermsOf(product).BreakFor(quantity)?.UnitPrice ?? product.UnitPrice;
            db.PurchaseOrderLines.Add(new PurchaseOrderLineRecord
            {
                OrderId = order.Id, VariantId = product.VariantId, Sku = sku, SupplierSku = product.SupplierSku, Quantity = quantity, UnitPrice = unitPrice,
                Amount = decimal.Round(quantity * unitPrice, 2), SuggestionId = suggestion,
            });
            order.Total += decimal.Round(quantity * unitPrice, 2);
        }
        db.Publish(new AuditRecorded("commerce_purchase_order_created", data.Now, actor, AuditRecorded.DataOf(new { number = order.Number, supplier = supplier.Key })),
            AuditRecorded.Stream);
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
        return order;
    }

    public Task<PurchaseOrderDto> ApproveAsync(long tenant, string actor, long id, PurchaseOrderCommand request, CancellationToken ct = default) =>
        ChangeAsync(tenant, actor, id, request.Version, "approved", (_, _, order) =>
        {
            if (order.State != PurchaseOrderStates.Draft) throw NotIn(order, "approved", "a draft");
            (order.State, order.ApprovedBy, order.ApprovedAt) = (PurchaseOrderStates.Approved, actor, data.Now);
            return Task.CompletedTask;
        }, ct);

    /// <summary>
    /// Sends an approved order: the PDF is emailed to the supplier first (nothing changes when that fails: the answer says
    /// why), then the order is sent, due after the supplier's lead time (the longest of its lines).
    /// </summary>
    public async Task<PurchaseOrderDto> SendAsync(long tenant, string actor, long id, SendPurchaseOrderRequest request, CancellationToken ct = default)
    {
        if (request.Version is null) throw FieldErrors.Of("version", "'version' is required: the version you read.");
        var order = await GetAsync(tenant, id, ct);
        if (order.State != PurchaseOrderStates.Approved)
            throw WeftException.Conflict("purchase_order_state", $"{order.Number} is {order.State}; only an approved order is sent.");
        if (order.Version != request.Version)
            throw WeftException.Conflict("stale_version", $"{order.Number} changed since you read it (version {order.Version}, not {request.Version}).");
        string? sentTo = null;
        if (request.Email ?? true)
        {
            await using var db = await data.OpenAsync(tenant, ct);
            var supplier = await db.Suppliers.AsNoTracking().FirstAsync(s => s.Key == order.Supplier, ct);
            var warehouse = await db.Warehouses.AsNoTracking().FirstAsync(w => w.Key == order.Warehouse, ct);
            try
            {
                await mail.SendAsync(order, supplier, warehouse, ct);
                sentTo = supplier.Email;
            }
            catch (WeftException e) when (e.Code == "mail_failed")
            {
                await ChangeAsync(tenant, actor, id, request.Version, null, (_, _, o) => { o.SendError = e.Message; return Task.CompletedTask; }, ct, bump: false);
                throw;
            }
        }
        return await ChangeAsync(tenant, actor, id, request.Version, "sent", async (db, _, o) =>
        {
            if (o.State != PurchaseOrderStates.Approved) throw NotIn(o, "sent", "an approved order");
            var supplier = await db.Suppliers.AsNoTracking().FirstAsync(s => s.Id == o.SupplierId, ct);
            var variants = await db.PurchaseOrderLines.Where(l => l.OrderId == o.Id).Select(l => l.VariantId).ToListAsync(ct);
            var days = await db.SupplierProducts.AsNoTracking().Where(p => p.SupplierId == supplier.Id && variants.Contains(p.VariantId))
                .Select(p => p.LeadTimeDays ?? supplier.LeadTimeDays).ToListAsync(ct);
            (o.State, o.SentAt, o.SentTo, o.SendError) = (PurchaseOrderStates.Sent, data.Now, sentTo, null);
            o.ExpectedAt = data.Now.Date.AddDays(days.Count > 0 ? days.Max() : supplier.LeadTimeDays);
        }, ct);
    }

    public Task<PurchaseOrderDto> CancelAsync(long tenant, string actor, long id, PurchaseOrderCommand request, CancellationToken ct = default) =>
        ChangeAsync(tenant, actor, id, request.Version, "cancelled", async (db, unit, order) =>
        {
            if (order.State is not (PurchaseOrderStates.Draft or PurchaseOrderStates.Approved or PurchaseOrderStates.Sent))
                throw NotIn(order, "cancelled", "an order nothing was received of");
            (order.State, order.EndedAt) = (PurchaseOrderStates.Cancelled, data.Now);
            if (request.Note is { Length: > 0 and <= 2000 } note) order.Note = note.Trim();
            // Its suggestions are open again: the next planning run sees the stock as not coming.
            foreach (var s in await db.Suggestions.Where(s => s.PurchaseOrderId == order.Id).ToListAsync(ct))
                s.State = Replenishment.Planning.SuggestionStates.Cancelled;
            // Nothing will arrive: its notices' inbound flows end with it, in the same transaction.
            foreach (var asn in await db.Asns.Where(a => a.PurchaseOrderId == order.Id && a.State == Inbound.AsnStates.Expected).ToListAsync(ct))
            {
                try
                {
                    if (asn.JobId is { } job) await engines.For(order.TenantId).Jobs.CancelJobAsync(new CommandContext(actor) { Unit = unit }, job, ct);
                }
                catch (WeftException e) when (e.Code == "job_not_active")
                {
                    // Someone ended its flow already (from the control center).
                }
                (asn.State, asn.EndedAt) = (Inbound.AsnStates.Cancelled, data.Now);
            }
        }, ct);

    /// <summary>Closes a received order, or a partly received one short: what did not come is no longer expected.</summary>
    public Task<PurchaseOrderDto> CloseAsync(long tenant, string actor, long id, PurchaseOrderCommand request, CancellationToken ct = default) =>
        ChangeAsync(tenant, actor, id, request.Version, "closed", (_, _, order) =>
        {
            if (order.State is not (PurchaseOrderStates.PartlyReceived or PurchaseOrderStates.Received))
                throw NotIn(order, "closed", "a received or partly received order");
            (order.State, order.EndedAt) = (PurchaseOrderStates.Closed, data.Now);
            return Task.CompletedTask;
        }, ct);

    /// <summary>
    /// Records goods received against an order's lines, inside the caller's unit of work (inbound's receiving): the first
    /// receipt dates the lead time, and the order becomes partly received or received.
    /// </summary>
    internal async Task ReceiveInAsync(CommerceDbContext db, PurchaseOrderRecord order, IReadOnlyDictionary<long, decimal> receivedByVariant, CancellationToken ct)
    {
        if (order.State is not (PurchaseOrderStates.Sent or PurchaseOrderStates.PartlyReceived or PurchaseOrderStates.Approved))
            throw WeftException.Conflict("purchase_order_state", $"{order.Number} is {order.State}; goods are received against an approved or sent order.");
        var lines = await db.PurchaseOrderLines.Where(l => l.OrderId == order.Id).ToListAsync(ct);
        foreach (var line in lines)
            if (receivedByVariant.TryGetValue(line.VariantId, out var quantity)) line.Received += quantity;
        order.FirstReceiptAt ??= data.Now;
        order.SentAt ??= order.ApprovedAt ?? data.Now;
        var complete = lines.All(l => l.Received >= l.Quantity);
        order.State = complete ? PurchaseOrderStates.Received : PurchaseOrderStates.PartlyReceived;
        if (complete) order.ReceivedAt = data.Now;
    }

    public async Task<PurchaseOrderDto> GetAsync(long tenant, long id, CancellationToken ct = default)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        var order = await db.PurchaseOrders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct)
            ?? throw WeftException.NotFound("purchase_order_not_found", $"There is no purchase order {id}.");
        return (await ToDtosAsync(db, [order], ct))[0];
    }

    /// <summary>The order as the supplier gets it.</summary>
    public async Task<(PurchaseOrderDto Order, byte[] Pdf)> PdfAsync(long tenant, long id, CancellationToken ct = default)
    {
        var order = await GetAsync(tenant, id, ct);
        await using var db = await data.OpenAsync(tenant, ct);
        var supplier = await db.Suppliers.AsNoTracking().FirstAsync(s => s.Key == order.Supplier, ct);
        var warehouse = await db.Warehouses.AsNoTracking().FirstAsync(w => w.Key == order.Warehouse, ct);
        return (order, PurchaseOrderMail.Render(order, supplier, warehouse));
    }

    public async Task<Page<PurchaseOrderDto>> ListAsync(long tenant, string? state, string? supplier, int? limit, string? cursor, CancellationToken ct = default)
    {
        var (take, after) = PageCursor.Parse(limit, cursor);
        if (state is not null && !PurchaseOrderStates.All.Contains(state))
            throw FieldErrors.Of("state", $"'state' must be one of: {string.Join(", ", PurchaseOrderStates.All)}.");
        if (supplier is { Length: > 64 }) throw FieldErrors.Of("supplier", "At most 64 characters.");
        await using var db = await data.OpenAsync(tenant, ct);
        // Newest first: the cursor is the last id seen, and the next page is below it.
        var query = db.PurchaseOrders.AsNoTracking().Where(o => after == 0 || o.Id < after);
        if (state is not null) query = query.Where(o => o.State == state);
        if (supplier is not null) query = query.Where(o => db.Suppliers.Any(s => s.Id == o.SupplierId && s.Key == supplier));
        var rows = await query.OrderByDescending(o => o.Id).Take(take + 1).ToListAsync(ct);
        var dtos = (await ToDtosAsync(db, rows.Take(take).ToList(), ct)).ToDictionary(d => d.Id);
        return PageCursor.Of(rows, take, r => r.Id, r => dtos[r.Id]);
    }

    internal static async Task<IReadOnlyList<PurchaseOrderDto>> ToDtosAsync(CommerceDbContext db, IReadOnlyList<PurchaseOrderRecord> orders, CancellationToken ct)
    {
        var ids = orders.Select(o => o.Id).ToList();
        var supplierIds = orders.Select(o => o.SupplierId).Distinct().ToList();
        var warehouseIds = orders.Select(o => o.WarehouseId).Distinct().ToList();
        var suppliers = await db.Suppliers.AsNoTracking().Where(s => supplierIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var warehouses = await db.Warehouses.AsNoTracking().Where(w => warehouseIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, w => w.Key, ct);
        var lines = (await db.PurchaseOrderLines.AsNoTracking().Where(l => ids.Contains(l.OrderId)).OrderBy(l => l.Id).ToListAsync(ct)).ToLookup(l => l.OrderId);
        return [.. orders.Select(o => new PurchaseOrderDto(o.Id, o.Number, suppliers[o.SupplierId].Key, suppliers[o.SupplierId].Name, warehouses[o.WarehouseId],
            o.State, o.Currency, o.Total, o.Note, o.ExpectedAt, o.CreatedBy, o.CreatedAt, o.ApprovedBy, o.ApprovedAt, o.SentAt, o.SentTo, o.SendError,
            o.FirstReceiptAt, o.ReceivedAt, o.EndedAt,
            [.. lines[o.Id].Select(l => new PurchaseOrderLineDto(l.Id, l.Sku, l.SupplierSku, l.Quantity, l.Received, l.UnitPrice, l.Amount, l.SuggestionId))],
            o.Version))];
    }

    private async Task<PurchaseOrderDto> ChangeAsync(long tenant, string actor, long id, int? version, string? audit,
        Func<CommerceDbContext, UnitOfWork, PurchaseOrderRecord, Task> change, CancellationToken ct, bool bump = true)
    {
        if (version is null) throw FieldErrors.Of("version", "'version' is required: the version you read.");
        await data.ChangeAsync(tenant, async (db, unit) =>
        {
            var order = await db.PurchaseOrders.FirstOrDefaultAsync(o => o.Id == id, ct)
                ?? throw WeftException.NotFound("purchase_order_not_found", $"There is no purchase order {id}.");
            if (bump && order.Version != version)
                throw WeftException.Conflict("stale_version", $"{order.Number} changed since you read it (version {order.Version}, not {version}).");
            await change(db, unit, order);
            if (audit is not null)
                db.Publish(new AuditRecorded($"commerce_purchase_order_{audit}", data.Now, actor, AuditRecorded.DataOf(new { number = order.Number })),
                    AuditRecorded.Stream);
            await db.SaveChangesAsync(ct);
            return 0;
        }, ct);
        return await GetAsync(tenant, id, ct);
    }

    private static WeftException NotIn(PurchaseOrderRecord order, string verb, string what) =>
        WeftException.Conflict("purchase_order_state", $"{order.Number} is {order.State}; only {what} can be {verb}.");
}
