using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Weft.Commerce.Catalog;
using Weft.Commerce.Persistence;
using Weft.Commerce.Purchasing;
using Weft.Commerce.Stock;
using Weft.Commerce.Warehouses;
using Weft.Flow;
using Weft.Flow.Contracts;
using Weft.Platform.Audit;
using Weft.Platform.Errors;
using Weft.Platform.Paging;
using Weft.Platform.Persistence;

namespace Weft.Commerce.Inbound;

/// <summary>
/// Goods coming in: an advance shipping notice starts the inbound flow; a person receives it (discrepancies recorded,
/// good units into receiving, damaged ones into quarantine with a supplier return), a person inspects what the quality
/// rule sampled (failed lots to quarantine with a supplier return), and a person puts the rest away by scanning each
/// suggested bin. Each person's step is one transaction with the flow's work item it completes.
/// </summary>
internal sealed class Asns(CommerceDb data, FlowEngines engines, StockLedger ledger, PurchaseOrders orders)
{
    public const int MaxLines = 500;

    public async Task<AsnDto> CreateAsync(long tenant, string actor, CreateAsnRequest request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (request.PurchaseOrder is not > 0) errors.Add("purchaseOrder", "'purchaseOrder' is required: the order's id.");
        if (request.ExpectedAt is null) errors.Add("expectedAt", "'expectedAt' is required: when the goods arrive.");
        CheckLines(errors, request.Lines?.Select(l => l is null ? null : ((string? Sku, string? Lot, decimal? Quantity, decimal? Damaged)?)(l.Sku, l.Lot, l.Quantity, 0m)).ToList(), "quantity");
        errors.ThrowIfAny();
        var engine = engines.For(tenant);
        await InboundFlow.EnsureAsync(engine, ct);
        var id = await data.ChangeAsync(tenant, async (db, unit) =>
        {
            var order = await db.PurchaseOrders.FirstOrDefaultAsync(o => o.Id == request.PurchaseOrder, ct)
                ?? throw WeftException.Rule("purchase_order_not_found", $"There is no purchase order {request.PurchaseOrder}.");
            if (!PurchaseOrderStates.Open.Contains(order.State))
                throw WeftException.Conflict("purchase_order_state", $"{order.Number} is {order.State}; a notice is for an approved, sent or partly received order.");
            var ordered = await db.PurchaseOrderLines.AsNoTracking().Where(l => l.OrderId == order.Id).ToDictionaryAsync(l => l.Sku, StringComparer.Ordinal, ct);
            var missing = request.Lines!.Select(l => l.Sku!).Where(s => !ordered.ContainsKey(s)).Distinct().ToList();
            if (missing.Count > 0)
                throw WeftException.Rule("sku_not_on_order", $"{string.Join(", ", missing)} {(missing.Count == 1 ? "is" : "are")} not on {order.Number}.", new { skus = missing });
            await RequireLocationAsync(db, order.WarehouseId, "receiving", ct);
            await RequireLocationAsync(db, order.WarehouseId, LocationTypes.Quarantine, ct);
            var asn = new AsnRecord
            {
                Number = "ASN-" + Guid.NewGuid().ToString("N")[..12], PurchaseOrderId = order.Id, SupplierId = order.SupplierId, WarehouseId = order.WarehouseId,
                ExpectedAt = request.ExpectedAt!.Value.ToUniversalTime(), State = AsnStates.Expected, CreatedBy = actor, CreatedAt = data.Now,
            };
            db.Asns.Add(asn);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            asn.Number = $"ASN-{asn.Id:D5}";
            foreach (var l in request.Lines!)
                db.AsnLines.Add(new AsnLineRecord { AsnId = asn.Id, VariantId = ordered[l.Sku!].VariantId, Sku = l.Sku!, Lot = l.Lot?.Trim() ?? "", Quantity = l.Quantity!.Value });
            var job = await engine.Jobs.StartJobAsync(new CommandContext(actor) { Unit = unit },
                new StartJobRequest(InboundFlow.Graph, null, 1, asn.Number, 0, asn.ExpectedAt,
                    new JsonObject { ["asn"] = asn.Id, ["number"] = asn.Number, ["purchaseOrder"] = order.Number, ["dueAt"] = asn.ExpectedAt.ToString("O") }), ct);
            asn.JobId = job.Id;
            db.Publish(new AuditRecorded("commerce_asn_created", data.Now, actor, AuditRecorded.DataOf(new { number = asn.Number, order = order.Number })),
                AuditRecorded.Stream);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            return asn.Id;
        }, ct);
        return await GetAsync(tenant, id, ct);
    }

    /// <summary>
    /// Receives a notice: what arrived against what was announced, line by line. Good units go into the warehouse's
    /// receiving location and damaged ones into quarantine (with a supplier return), both received from the supplier at
    /// the order's price; the order's lines count the good units; the flow's receiving task completes.
    /// </summary>
    public async Task<AsnDto> ReceiveAsync(long tenant, string actor, string? agent, long id, ReceiveRequest request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        CheckLines(errors, request.Lines?.Select(l => l is null ? null : ((string? Sku, string? Lot, decimal? Quantity, decimal? Damaged)?)(l.Sku, l.Lot, l.Received ?? 0, l.Damaged ?? 0)).ToList(), "received");
        errors.ThrowIfAny();
        var item = await OpenItemAsync(tenant, id, InboundFlow.Receive, AsnStates.Expected, ct);
        await data.ChangeAsync(tenant, async (db, unit) =>
        {
            var asn = await FindAsync(db, id, ct);
            if (asn.State != AsnStates.Expected) throw State(asn, "received");
            var order = await db.PurchaseOrders.FirstAsync(o => o.Id == asn.PurchaseOrderId, ct);
            var announced = await db.AsnLines.AsNoTracking().Where(l => l.AsnId == asn.Id).ToListAsync(ct);
            var prices = await db.PurchaseOrderLines.AsNoTracking().Where(l => l.OrderId == order.Id).ToDictionaryAsync(l => l.Sku, l => l.UnitPrice, StringComparer.Ordinal, ct);
            var skus = request.Lines!.Select(l => l.Sku!).Distinct().ToList();
            var variants = await db.Variants.AsNoTracking().Where(v => skus.Contains(v.Sku)).ToDictionaryAsync(v => v.Sku, StringComparer.Ordinal, ct);
            if (skus.FirstOrDefault(s => !variants.ContainsKey(s)) is { } unknown)
                throw WeftException.Rule("sku_not_found", $"There is no SKU '{unknown}'.");
            var receiving = await RequireLocationAsync(db, asn.WarehouseId, "receiving", ct);
            var quarantine = await RequireLocationAsync(db, asn.WarehouseId, LocationTypes.Quarantine, ct);

            var lines = new List<ReceiptLineRecord>();
            foreach (var got in request.Lines!)
            {
                var (sku, lot) = (got.Sku!, got.Lot?.Trim() ?? "");
                var same = announced.Where(a => a.Sku == sku && a.Lot == lot).ToList();
                var expected = same.Sum(a => a.Quantity);
                var (good, damaged) = (got.Received ?? 0, got.Damaged ?? 0);
                var found = new List<string>();
                if (!announced.Any(a => a.Sku == sku)) found.Add(Discrepancy.UnexpectedSku);
                else if (same.Count == 0) found.Add(Discrepancy.WrongLot);
                else if (good + damaged < expected) found.Add(Discrepancy.Short);
                else if (good + damaged > expected) found.Add(Discrepancy.Over);
                if (damaged > 0) found.Add(Discrepancy.Damaged);
                lines.Add(new ReceiptLineRecord
                {
                    AsnId = asn.Id, VariantId = variants[sku].Id, Sku = sku, Lot = lot, Expected = expected, Received = good, Damaged = damaged,
                    Discrepancies = string.Join(",", found), UnitCost = prices.TryGetValue(sku, out var price) ? price : variants[sku].Cost,
                });
            }
            // What was announced and did not come at all.
            foreach (var a in announced.GroupBy(a => (a.Sku, a.Lot)).Where(g => !lines.Any(l => l.Sku == g.Key.Sku && l.Lot == g.Key.Lot)))
                lines.Add(new ReceiptLineRecord
                {
                    AsnId = asn.Id, VariantId = a.First().VariantId, Sku = a.Key.Sku, Lot = a.Key.Lot, Expected = a.Sum(x => x.Quantity),
                    Discrepancies = Discrepancy.Short, UnitCost = prices.GetValueOrDefault(a.Key.Sku), Qc = QcStates.NotRequired,
                });
            db.ReceiptLines.AddRange(lines);

            var moves = lines.Where(l => l.Received > 0).Select(l => new MoveLineRequest(l.Sku, l.Received, null, receiving.Path, NullIfEmpty(l.Lot), l.UnitCost))
                .Concat(lines.Where(l => l.Damaged > 0).Select(l => new MoveLineRequest(l.Sku, l.Damaged, null, quarantine.Path, NullIfEmpty(l.Lot), l.UnitCost)))
                .ToList();
            if (moves.Count > 0) await ledger.MoveInAsync(db, actor, new MoveRequest(MoveReasons.Receipt, asn.Number, moves), ct);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            foreach (var l in lines.Where(l => l.Damaged > 0))
                await StartReturnAsync(db, asn, l, l.Damaged, "damaged", "Damaged on arrival.", ct);
            await orders.ReceiveInAsync(db, order, lines.Where(l => l.Received > 0).GroupBy(l => l.VariantId).ToDictionary(g => g.Key, g => g.Sum(l => l.Received)), ct);
            (asn.State, asn.ReceivedBy, asn.ReceivedAt) = (AsnStates.Received, actor, data.Now);
            await CompleteAsync(tenant, unit, actor, agent, item, new JsonObject
            {
                ["received"] = lines.Sum(l => l.Received), ["damaged"] = lines.Sum(l => l.Damaged),
                ["discrepancies"] = new JsonArray([.. lines.Where(l => l.Discrepancies.Length > 0).Select(l => (JsonNode)$"{l.Sku}{(l.Lot.Length > 0 ? "/" + l.Lot : "")}: {l.Discrepancies}")]),
            }, ct);
            db.Publish(new AuditRecorded("commerce_asn_received", data.Now, actor, AuditRecorded.DataOf(new { number = asn.Number })), AuditRecorded.Stream);
            await db.SaveChangesAsync(ct);
            return 0;
        }, ct);
        return await GetAsync(tenant, id, ct);
    }

    /// <summary>
    /// Records the inspection of every line the quality rule sampled: a line passes when all its checks do; a failed
    /// lot goes from receiving to quarantine, with a supplier return. The flow's inspection task completes.
    /// </summary>
    public async Task<AsnDto> InspectAsync(long tenant, string actor, string? agent, long id, InspectRequest request, CancellationToken ct = default)
    {
        if (request.Lines is not { Count: > 0 and <= MaxLines } || request.Lines.Any(l => l?.Line is null || l.Results is not { Count: <= 50 } || l.Note is { Length: > 500 }))
            throw FieldErrors.Of("lines", $"Give 1-{MaxLines} lines, each with its receipt 'line' id and its 'results' (at most 50; a note of at most 500 characters).");
        var item = await OpenItemAsync(tenant, id, InboundFlow.Inspect, AsnStates.Received, ct);
        await data.ChangeAsync(tenant, async (db, unit) =>
        {
            var asn = await FindAsync(db, id, ct);
            if (asn.State != AsnStates.Received) throw State(asn, "inspected");
            var pending = await db.ReceiptLines.Where(l => l.AsnId == asn.Id && l.Qc == QcStates.Pending).ToListAsync(ct);
            var missing = pending.Where(p => request.Lines.All(l => l.Line != p.Id)).Select(p => $"{p.Sku}{(p.Lot.Length > 0 ? "/" + p.Lot : "")} (line {p.Id})").ToList();
            if (missing.Count > 0) throw FieldErrors.Of("lines", $"Give the results of every sampled line: {string.Join(", ", missing)} {(missing.Count == 1 ? "is" : "are")} missing.");
            if (request.Lines.FirstOrDefault(l => pending.All(p => p.Id != l.Line)) is { } stray)
                throw FieldErrors.Of("lines", $"Line {stray.Line} of {asn.Number} is not waiting for inspection.");
            var products = await ProductsOfAsync(db, pending.Select(p => p.VariantId), ct);
            var rules = await db.QcRules.AsNoTracking().ToDictionaryAsync(r => r.ProductId, ct);
            var quarantine = await RequireLocationAsync(db, asn.WarehouseId, LocationTypes.Quarantine, ct);
            var receiving = await RequireLocationAsync(db, asn.WarehouseId, "receiving", ct);
            var failed = new List<ReceiptLineRecord>();
            foreach (var line in pending)
            {
                var given = request.Lines.First(l => l.Line == line.Id);
                var checks = rules.TryGetValue(products[line.VariantId].Id, out var rule) ? QualityControl.ChecksOf(rule.ChecksJson) : [];
                var (passed, results) = QualityControl.Evaluate(checks, given.Results!);
                line.Qc = passed ? QcStates.Passed : QcStates.Failed;
                db.QcChecks.Add(new QcCheckRecord
                {
                    ReceiptLineId = line.Id, SupplierId = asn.SupplierId, VariantId = line.VariantId, Lot = line.Lot, Passed = passed,
                    ResultsJson = QualityControl.ToJson(results), Inspector = actor, At = data.Now,
                });
                if (!passed) failed.Add(line);
            }
            if (failed.Count > 0)
            {
                await ledger.MoveInAsync(db, actor, new MoveRequest(MoveReasons.Transfer, asn.Number,
                    [.. failed.Select(l => new MoveLineRequest(l.Sku, l.Received, receiving.Path, quarantine.Path, NullIfEmpty(l.Lot)))]), ct);
                foreach (var line in failed)
                    await StartReturnAsync(db, asn, line, line.Received, "qc_failed", request.Lines.First(l => l.Line == line.Id).Note?.Trim() ?? "Failed quality control.", ct);
            }
            asn.State = AsnStates.Inspected;
            await CompleteAsync(tenant, unit, actor, agent, item, new JsonObject { ["inspected"] = pending.Count, ["failed"] = failed.Count }, ct);
            db.Publish(new AuditRecorded("commerce_asn_inspected", data.Now, actor, AuditRecorded.DataOf(new { number = asn.Number, failed = failed.Count })),
                AuditRecorded.Stream);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            return 0;
        }, ct);
        return await GetAsync(tenant, id, ct);
    }

    /// <summary>
    /// A putaway confirmed by scanning its bin: the goods move from receiving to the bin. The scan must be the suggested
    /// bin (a wrong one changes nothing); the last putaway of the notice completes the flow's putaway task.
    /// </summary>
    public async Task<AsnDto> ConfirmPutawayAsync(long tenant, string actor, string? agent, long id, long taskId, ConfirmPutawayRequest request, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(request.Bin) || request.Bin.Length > 300) throw FieldErrors.Of("bin", "'bin' is required: the scanned bin's barcode.");
        var item = await OpenItemAsync(tenant, id, InboundFlow.Putaway, null, ct);
        await data.ChangeAsync(tenant, async (db, unit) =>
        {
            var asn = await FindAsync(db, id, ct);
            var task = await db.PutawayTasks.FirstOrDefaultAsync(t => t.Id == taskId && t.AsnId == asn.Id, ct)
                ?? throw WeftException.NotFound("putaway_not_found", $"{asn.Number} has no putaway {taskId}.");
            if (task.State != PutawayStates.Open) throw WeftException.Conflict("putaway_done", $"Putaway {taskId} was done by {task.DoneBy}.");
            var paths = await db.Locations.AsNoTracking().Where(l => l.Id == task.ToLocationId || l.Id == task.FromLocationId).ToDictionaryAsync(l => l.Id, l => l.Path, ct);
            var scanned = request.Bin.Trim();
            if (!string.Equals(scanned, paths[task.ToLocationId], StringComparison.OrdinalIgnoreCase))
                throw WeftException.Conflict("wrong_bin", $"You scanned {scanned}; this putaway of {task.Quantity:0.####} {task.Sku} goes to {paths[task.ToLocationId]}. Nothing moved.",
                    new { scanned, expected = paths[task.ToLocationId] });
            await ledger.MoveInAsync(db, actor, new MoveRequest(MoveReasons.Transfer, asn.Number,
                [new MoveLineRequest(task.Sku, task.Quantity, paths[task.FromLocationId], paths[task.ToLocationId], NullIfEmpty(task.Lot))]), ct);
            (task.State, task.DoneBy, task.DoneAt) = (PutawayStates.Done, actor, data.Now);
            var line = await db.ReceiptLines.FirstAsync(l => l.Id == task.ReceiptLineId, ct);
            line.PutAway += task.Quantity;
            var open = await db.PutawayTasks.CountAsync(t => t.AsnId == asn.Id && t.State == PutawayStates.Open && t.Id != task.Id, ct);
            if (open == 0)
            {
                (asn.State, asn.EndedAt) = (AsnStates.PutAway, data.Now);
                await CompleteAsync(tenant, unit, actor, agent, item, new JsonObject { ["putAway"] = true }, ct);
            }
            else await StartIfNeededAsync(tenant, unit, actor, agent, item, ct);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            return 0;
        }, ct);
        return await GetAsync(tenant, id, ct);
    }

    /// <summary>Sends an open return back: the goods leave quarantine for the supplier.</summary>
    public async Task<SupplierReturnDto> ShipReturnAsync(long tenant, string actor, long id, int? version, CancellationToken ct = default)
    {
        if (version is null) throw FieldErrors.Of("version", "'version' is required: the version you read.");
        var result = await data.ChangeAsync(tenant, async db =>
        {
            var ret = await db.SupplierReturns.FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw WeftException.NotFound("return_not_found", $"There is no supplier return {id}.");
            if (ret.Version != version) throw WeftException.Conflict("stale_version", $"{ret.Number} changed since you read it (version {ret.Version}, not {version}).");
            if (ret.State != ReturnStates.Open) throw WeftException.Conflict("return_state", $"{ret.Number} is {ret.State}.");
            var asn = await db.Asns.AsNoTracking().FirstAsync(a => a.Id == ret.AsnId, ct);
            var quarantine = await RequireLocationAsync(db, asn.WarehouseId, LocationTypes.Quarantine, ct);
            await ledger.MoveInAsync(db, actor, new MoveRequest(MoveReasons.SupplierReturn, ret.Number,
                [new MoveLineRequest(ret.Sku, ret.Quantity, quarantine.Path, null, NullIfEmpty(ret.Lot))]), ct);
            (ret.State, ret.ShippedAt) = (ReturnStates.Shipped, data.Now);
            db.Publish(new AuditRecorded("commerce_supplier_return_shipped", data.Now, actor, AuditRecorded.DataOf(new { number = ret.Number })), AuditRecorded.Stream);
            await db.SaveChangesAsync(ct);
            return ret;
        }, ct);
        await using var read = await data.OpenAsync(tenant, ct);
        return (await ReturnDtosAsync(read, [result], ct))[0];
    }

    public async Task<IReadOnlyList<SupplierReturnDto>> ReturnsAsync(long tenant, string? state, CancellationToken ct = default)
    {
        if (state is not null && state is not (ReturnStates.Open or ReturnStates.Shipped)) throw FieldErrors.Of("state", "'state' is open or shipped.");
        await using var db = await data.OpenAsync(tenant, ct);
        var rows = await db.SupplierReturns.AsNoTracking().Where(r => state == null || r.State == state).OrderByDescending(r => r.Id).Take(500).ToListAsync(ct);
        return await ReturnDtosAsync(db, rows, ct);
    }

    public async Task<AsnDto> GetAsync(long tenant, long id, CancellationToken ct = default)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        var asn = await db.Asns.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw WeftException.NotFound("asn_not_found", $"There is no notice {id}.");
        return (await ToDtosAsync(tenant, db, [asn], detail: true, ct))[0];
    }

    /// <summary>Notices by state (default: those still coming in: not put away, not cancelled), in the order they were made.</summary>
    public async Task<Page<AsnDto>> ListAsync(long tenant, string? state, int? limit, string? cursor, CancellationToken ct = default)
    {
        var (take, after) = PageCursor.Parse(limit, cursor);
        if (state is not null && !AsnStates.All.Contains(state)) throw FieldErrors.Of("state", $"'state' must be one of: {string.Join(", ", AsnStates.All)}.");
        await using var db = await data.OpenAsync(tenant, ct);
        var query = db.Asns.AsNoTracking().Where(a => a.Id > after);
        query = state is null ? query.Where(a => a.State != AsnStates.PutAway && a.State != AsnStates.Cancelled) : query.Where(a => a.State == state);
        var rows = await query.OrderBy(a => a.Id).Take(take + 1).ToListAsync(ct);
        var dtos = (await ToDtosAsync(tenant, db, [.. rows.Take(take)], detail: false, ct)).ToDictionary(d => d.Id);
        return PageCursor.Of(rows, take, r => r.Id, r => dtos[r.Id]);
    }

    // ---- the software agent's steps (InboundWorkHandler) ----------------------------------------------------------

    /// <summary>Which received lines its product's rule samples; idempotent (a repeat finds the lines already decided).</summary>
    internal async Task<bool> PlanQcAsync(long tenant, long id, CancellationToken ct) =>
        await data.ChangeAsync(tenant, async db =>
        {
            var asn = await FindAsync(db, id, ct);
            var lines = await db.ReceiptLines.Where(l => l.AsnId == asn.Id).ToListAsync(ct);
            var products = await ProductsOfAsync(db, lines.Select(l => l.VariantId), ct);
            var productIds = products.Values.Select(p => p.Id).ToList();
            var rules = await db.QcRules.AsNoTracking().Where(r => productIds.Contains(r.ProductId)).ToDictionaryAsync(r => r.ProductId, ct);
            foreach (var line in lines.Where(l => l.Qc.Length == 0))
            {
                if (line.Received <= 0 || !rules.TryGetValue(products[line.VariantId].Id, out var rule))
                {
                    line.Qc = QcStates.NotRequired;
                    continue;
                }
                // SQLite keeps decimals as text: what was received is compared here, not in SQL.
                var ordinal = (await db.ReceiptLines.Where(l => l.VariantId == line.VariantId && l.Id <= line.Id).Select(l => l.Received).ToListAsync(ct)).Count(r => r > 0);
                var sample = QualityControl.Sample(rule.Rule, rule.Every, rule.SampleRate, rule.SampleSize, ordinal, $"{asn.Number}/{line.Sku}/{line.Lot}", line.Received);
                (line.Qc, line.QcSample) = sample > 0 ? (QcStates.Pending, sample) : (QcStates.NotRequired, 0);
            }
            await db.SaveChangesAsync(ct);
            return lines.Any(l => l.Qc == QcStates.Pending);
        }, ct);

    /// <summary>Where what is in receiving goes, as putaway tasks; idempotent (lines already planned are left as they are).</summary>
    internal async Task<int> PlanPutawayAsync(long tenant, long id, CancellationToken ct) =>
        await data.ChangeAsync(tenant, async db =>
        {
            var asn = await FindAsync(db, id, ct);
            var lines = (await db.ReceiptLines.Where(l => l.AsnId == asn.Id && (l.Qc == QcStates.NotRequired || l.Qc == QcStates.Passed)).ToListAsync(ct))
                .Where(l => l.Received > 0).ToList();
            var planned = await db.PutawayTasks.Where(t => t.AsnId == asn.Id).Select(t => t.ReceiptLineId).Distinct().ToListAsync(ct);
            var receiving = await RequireLocationAsync(db, asn.WarehouseId, "receiving", ct);
            var bins = await db.Locations.AsNoTracking().Where(l => l.WarehouseId == asn.WarehouseId && (l.Type == "storage" || l.Type == "picking")).ToListAsync(ct);
            var binIds = bins.Select(b => b.Id).ToList();
            var stock = (await db.Stock.AsNoTracking().Where(s => binIds.Contains(s.LocationId)).Select(s => new { s.LocationId, s.VariantId, s.OnHand }).ToListAsync(ct))
                .Where(s => s.OnHand != 0).ToList();
            var coming = await db.PutawayTasks.AsNoTracking().Where(t => t.State == PutawayStates.Open && binIds.Contains(t.ToLocationId))
                .Select(t => new { t.ToLocationId, t.Quantity }).ToListAsync(ct);
            var held = bins.ToDictionary(b => b.Id, b => stock.Where(s => s.LocationId == b.Id).Sum(s => s.OnHand) + coming.Where(c => c.ToLocationId == b.Id).Sum(c => c.Quantity));
            var products = await ProductsOfAsync(db, lines.Select(l => l.VariantId), ct);
            var rules = await db.PutawayRules.AsNoTracking().ToListAsync(ct);
            var paths = await db.Locations.AsNoTracking().Where(l => l.WarehouseId == asn.WarehouseId).ToDictionaryAsync(l => l.Id, l => l.Path, ct);
            var tasks = 0;
            foreach (var line in lines.Where(l => !planned.Contains(l.Id)))
            {
                var product = products[line.VariantId];
                var fixedBin = rules.FirstOrDefault(r => r.Kind == "fixed_bin" && r.Sku == line.Sku && binIds.Contains(r.LocationId))?.LocationId;
                var zone = rules.Where(r => r.Kind == "category_zone" && paths.ContainsKey(r.LocationId)
                        && (product.Category == r.Category || product.Category.StartsWith(r.Category + " / ", StringComparison.Ordinal)))
                    .OrderByDescending(r => r.Category.Length).Select(r => paths[r.LocationId]).FirstOrDefault();
                var candidates = bins.Select(b => new PutawayBin(b.Id, b.Path, held[b.Id],
                    stock.Any(s => s.LocationId == b.Id && s.VariantId == line.VariantId && s.OnHand > 0), b.Capacity)).ToList();
                var plan = PutawayPlanner.Plan(line.Received, candidates, fixedBin, zone, Units.IsCounted(product.Unit));
                if (plan.Unplaced > 0)
                    throw new InvalidOperationException(
                        $"{asn.Number}: no room for {plan.Unplaced:0.####} of {line.Sku} in {paths.GetValueOrDefault(bins.FirstOrDefault()?.Id ?? 0, "the warehouse")}'s storage bins; make room or add bins, then retry.");
                foreach (var s in plan.Suggestions)
                {
                    db.PutawayTasks.Add(new PutawayTaskRecord
                    {
                        AsnId = asn.Id, ReceiptLineId = line.Id, VariantId = line.VariantId, Sku = line.Sku, Lot = line.Lot, Quantity = s.Quantity,
                        FromLocationId = receiving.Id, ToLocationId = s.Bin.Id, Rule = s.Rule, State = PutawayStates.Open,
                    });
                    held[s.Bin.Id] += s.Quantity;
                    tasks++;
                }
            }
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            return await db.PutawayTasks.CountAsync(t => t.AsnId == asn.Id && t.State == PutawayStates.Open, ct);
        }, ct);

    // ---- helpers -----------------------------------------------------------------------------------------------------

    private static void CheckLines(FieldErrors errors, IReadOnlyList<(string? Sku, string? Lot, decimal? Quantity, decimal? Damaged)?>? lines, string quantityName)
    {
        if (lines is not { Count: > 0 and <= MaxLines })
        {
            errors.Add("lines", $"Give 1-{MaxLines} lines.");
            return;
        }
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i] is not { } line) { errors.Add($"lines[{i}]", "A line has a 'sku' and a quantity."); continue; }
            if (string.IsNullOrWhiteSpace(line.Sku) || line.Sku.Length > 64) errors.Add($"lines[{i}].sku", "'sku' is required.");
            if (line.Lot is { Length: > 64 }) errors.Add($"lines[{i}].lot", "'lot' is at most 64 characters.");
            if (line.Quantity is not (>= 0 and <= 1_000_000_000) || decimal.Round(line.Quantity.Value, 4) != line.Quantity.Value)
                errors.Add($"lines[{i}].{quantityName}", $"'{quantityName}' must be between 0 and 1,000,000,000, with at most 4 decimals.");
            if (line.Damaged is not (>= 0 and <= 1_000_000_000) || decimal.Round(line.Damaged.Value, 4) != line.Damaged.Value)
                errors.Add($"lines[{i}].damaged", "'damaged' must be between 0 and 1,000,000,000, with at most 4 decimals.");
            else if (line.Quantity + line.Damaged <= 0) errors.Add($"lines[{i}].{quantityName}", "A line has more than 0 units.");
        }
        foreach (var dup in lines.OfType<(string? Sku, string? Lot, decimal? Quantity, decimal? Damaged)>().GroupBy(l => (l.Sku, l.Lot?.Trim() ?? "")).Where(g => g.Count() > 1))
            errors.Add("lines", $"{dup.Key.Sku}{(dup.Key.Item2.Length > 0 ? " lot " + dup.Key.Item2 : "")} is on two lines: one line per SKU and lot.");
    }

    private static async Task<AsnRecord> FindAsync(CommerceDbContext db, long id, CancellationToken ct) =>
        await db.Asns.FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw WeftException.NotFound("asn_not_found", $"There is no notice {id}.");

    private static WeftException State(AsnRecord asn, string verb) =>
        WeftException.Conflict("asn_state", $"{asn.Number} is {asn.State.Replace('_', ' ')}; it cannot be {verb} now.");

    private static async Task<LocationRecord> RequireLocationAsync(CommerceDbContext db, long warehouse, string type, CancellationToken ct) =>
        await db.Locations.AsNoTracking().Where(l => l.WarehouseId == warehouse && l.Type == type).OrderBy(l => l.Path).FirstOrDefaultAsync(ct)
        ?? throw WeftException.Rule($"no_{type}_location", $"The warehouse has no {type} location: add one (type '{type}') first.");

    private static async Task<Dictionary<long, ProductRecord>> ProductsOfAsync(CommerceDbContext db, IEnumerable<long> variantIds, CancellationToken ct)
    {
        var ids = variantIds.Distinct().ToList();
        return await (from v in db.Variants.AsNoTracking() join p in db.Products.AsNoTracking() on v.ProductId equals p.Id where ids.Contains(v.Id) select new { v.Id, p })
            .ToDictionaryAsync(x => x.Id, x => x.p, ct);
    }

    private async Task StartReturnAsync(CommerceDbContext db, AsnRecord asn, ReceiptLineRecord line, decimal quantity, string reason, string note, CancellationToken ct)
    {
        var ret = new SupplierReturnRecord
        {
            Number = "RET-" + Guid.NewGuid().ToString("N")[..12], SupplierId = asn.SupplierId, PurchaseOrderId = asn.PurchaseOrderId, AsnId = asn.Id,
            VariantId = line.VariantId, Sku = line.Sku, Lot = line.Lot, Quantity = quantity, Reason = reason, Note = note, State = ReturnStates.Open, CreatedAt = data.Now,
        };
        db.SupplierReturns.Add(ret);
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
        ret.Number = $"RET-{ret.Id:D5}";
    }

    private static string? NullIfEmpty(string lot) => lot.Length == 0 ? null : lot;

    /// <summary>The notice's open work item at <paramref name="node"/>, read before the change (409 when its flow is elsewhere).</summary>
    private async Task<WorkItemDto> OpenItemAsync(long tenant, long id, string node, string? state, CancellationToken ct)
    {
        AsnRecord asn;
        await using (var db = await data.OpenAsync(tenant, ct))
            asn = await db.Asns.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw WeftException.NotFound("asn_not_found", $"There is no notice {id}.");
        if (state is not null && asn.State != state) throw State(asn, node == InboundFlow.Receive ? "received" : node == InboundFlow.Inspect ? "inspected" : "put away");
        var items = await engines.For(tenant).Work.ListWorkItemsAsync(new WorkItemFilter(null, null, null, node, asn.JobId), 50, null, ct);
        return items.Items.FirstOrDefault(i => i.State is "ready" or "assigned" or "in_progress" or "paused")
            ?? throw WeftException.Conflict("flow_not_there", $"{asn.Number}'s flow is not at '{node}' yet (its software agent may still be working); try again in a moment.");
    }

    /// <summary>Takes the work item as the caller's agent if it is not theirs yet, and starts it.</summary>
    private async Task StartIfNeededAsync(long tenant, UnitOfWork unit, string actor, string? agent, WorkItemDto item, CancellationToken ct)
    {
        if (agent is null) throw WeftException.Rule("agent_required", "Only someone who is a flow agent (with the step's capability) does inbound work: link your user to an agent.");
        var work = engines.For(tenant).Work;
        var ctx = new CommandContext(actor, Agent: agent) { Unit = unit };
        var current = item;
        if (current.State == "ready") current = await work.ClaimAsync(ctx, current.Id, ct);
        if (current.State == "assigned" && current.Agent == agent) current = await work.StartAsync(ctx, current.Id, ct);
        if (current.State == "paused" && current.Agent == agent) current = await work.ResumeAsync(ctx, current.Id, ct);
        if (current.Agent != agent)
            throw WeftException.Conflict("not_your_work_item", $"This step is {current.Agent}'s ({current.State}); they, or a manager reassigning it, finish it.");
    }

    private async Task CompleteAsync(long tenant, UnitOfWork unit, string actor, string? agent, WorkItemDto item, JsonObject result, CancellationToken ct)
    {
        await StartIfNeededAsync(tenant, unit, actor, agent, item, ct);
        await engines.For(tenant).Work.CompleteAsync(new CommandContext(actor, Agent: agent) { Unit = unit }, item.Id, null, result, ct);
    }

    private async Task<IReadOnlyList<AsnDto>> ToDtosAsync(long tenant, CommerceDbContext db, IReadOnlyList<AsnRecord> asns, bool detail, CancellationToken ct)
    {
        var orderIds = asns.Select(a => a.PurchaseOrderId).Distinct().ToList();
        var numbers = await db.PurchaseOrders.AsNoTracking().Where(o => orderIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Number, ct);
        var suppliers = await db.Suppliers.AsNoTracking().ToDictionaryAsync(s => s.Id, ct);
        var warehouses = await db.Warehouses.AsNoTracking().ToDictionaryAsync(w => w.Id, w => w.Key, ct);
        var ids = asns.Select(a => a.Id).ToList();
        var lines = (await db.AsnLines.AsNoTracking().Where(l => ids.Contains(l.AsnId)).OrderBy(l => l.Id).ToListAsync(ct)).ToLookup(l => l.AsnId);
        var names = await (from v in db.Variants.AsNoTracking() join p in db.Products.AsNoTracking() on v.ProductId equals p.Id
                           where db.AsnLines.Any(l => ids.Contains(l.AsnId) && l.VariantId == v.Id) select new { v.Id, p.Name }).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        ILookup<long, ReceiptLineRecord> receipt = Array.Empty<ReceiptLineRecord>().ToLookup(r => r.AsnId);
        ILookup<long, PutawayTaskRecord> tasks = Array.Empty<PutawayTaskRecord>().ToLookup(t => t.AsnId);
        IReadOnlyList<SupplierReturnDto> returns = [];
        Dictionary<long, string> paths = [];
        Dictionary<long, IReadOnlyList<QcCheckDefinition>> checks = [];
        Dictionary<long, IReadOnlyList<QcResultDto>> results = [];
        if (detail)
        {
            receipt = (await db.ReceiptLines.AsNoTracking().Where(r => ids.Contains(r.AsnId)).OrderBy(r => r.Id).ToListAsync(ct)).ToLookup(r => r.AsnId);
            tasks = (await db.PutawayTasks.AsNoTracking().Where(t => ids.Contains(t.AsnId)).OrderBy(t => t.Id).ToListAsync(ct)).ToLookup(t => t.AsnId);
            returns = await ReturnDtosAsync(db, await db.SupplierReturns.AsNoTracking().Where(r => ids.Contains(r.AsnId)).OrderBy(r => r.Id).ToListAsync(ct), ct);
            var warehouseIds = asns.Select(a => a.WarehouseId).ToList();
            paths = await db.Locations.AsNoTracking().Where(l => l.WarehouseId != null && warehouseIds.Contains(l.WarehouseId.Value)).ToDictionaryAsync(l => l.Id, l => l.Path, ct);
            var receiptLines = receipt.SelectMany(g => g).ToList();
            var products = await ProductsOfAsync(db, receiptLines.Select(r => r.VariantId), ct);
            var productIds = products.Values.Select(p => p.Id).ToList();
            var rules = await db.QcRules.AsNoTracking().Where(r => productIds.Contains(r.ProductId)).ToDictionaryAsync(r => r.ProductId, ct);
            checks = receiptLines.ToDictionary(r => r.Id, r => rules.TryGetValue(products[r.VariantId].Id, out var rule) ? QualityControl.ChecksOf(rule.ChecksJson) : []);
            var lineIds = receiptLines.Select(r => r.Id).ToList();
            results = (await db.QcChecks.AsNoTracking().Where(c => lineIds.Contains(c.ReceiptLineId)).ToListAsync(ct))
                .ToDictionary(c => c.ReceiptLineId, c => (IReadOnlyList<QcResultDto>)(System.Text.Json.JsonSerializer.Deserialize<List<QcResultDto>>(c.ResultsJson,
                    new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)) ?? []));
        }
        var steps = new Dictionary<long, string?>();
        var work = engines.For(tenant).Work;
        foreach (var asn in asns.Where(a => a.JobId is not null && a.State is not (AsnStates.PutAway or AsnStates.Cancelled)))
        {
            var open = await work.ListWorkItemsAsync(new WorkItemFilter(null, null, null, null, asn.JobId), 20, null, ct);
            steps[asn.Id] = open.Items.Where(i => i.State is not ("completed" or "cancelled")).Select(i => i.Node).FirstOrDefault();
        }
        return [.. asns.Select(a => new AsnDto(a.Id, a.Number, a.PurchaseOrderId, numbers.GetValueOrDefault(a.PurchaseOrderId, ""), suppliers[a.SupplierId].Key,
            suppliers[a.SupplierId].Name, warehouses[a.WarehouseId], a.ExpectedAt, a.State, a.JobId, steps.GetValueOrDefault(a.Id),
            [.. lines[a.Id].Select(l => new AsnLineDto(l.Sku, names.GetValueOrDefault(l.VariantId, ""), l.Lot, l.Quantity))],
            [.. receipt[a.Id].Select(r => new ReceiptLineDto(r.Id, r.Sku, r.Lot, r.Expected, r.Received, r.Damaged,
                r.Discrepancies.Length == 0 ? [] : r.Discrepancies.Split(','), r.Qc, r.QcSample, checks.GetValueOrDefault(r.Id, []), results.GetValueOrDefault(r.Id, []), r.PutAway))],
            [.. tasks[a.Id].Select(t => new PutawayTaskDto(t.Id, t.Sku, t.Lot, t.Quantity, paths.GetValueOrDefault(t.FromLocationId, ""), paths.GetValueOrDefault(t.ToLocationId, ""),
                t.Rule, t.State, t.DoneBy, t.DoneAt))],
            [.. returns.Where(r => asns.Count == 1)], a.CreatedBy, a.CreatedAt, a.ReceivedBy, a.ReceivedAt, a.EndedAt, a.Version))];
    }

    private static async Task<IReadOnlyList<SupplierReturnDto>> ReturnDtosAsync(CommerceDbContext db, IReadOnlyList<SupplierReturnRecord> rows, CancellationToken ct)
    {
        var suppliers = await db.Suppliers.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Key, ct);
        return [.. rows.Select(r => new SupplierReturnDto(r.Id, r.Number, suppliers[r.SupplierId], r.Sku, r.Lot, r.Quantity, r.Reason, r.Note, r.State, r.CreatedAt,
            r.ShippedAt, r.Version))];
    }
}

internal static class AsnStates
{
    public const string Expected = "expected";
    public const string Received = "received";
    public const string Inspected = "inspected";
    public const string PutAway = "put_away";
    /// <summary>Its order was cancelled before anything arrived: its flow ended with it.</summary>
    public const string Cancelled = "cancelled";
    public static readonly IReadOnlyList<string> All = [Expected, Received, Inspected, PutAway, Cancelled];
}

internal static class QcStates
{
    public const string NotRequired = "not_required";
    public const string Pending = "pending";
    public const string Passed = "passed";
    public const string Failed = "failed";
}

internal static class PutawayStates
{
    public const string Open = "open";
    public const string Done = "done";
}

internal static class ReturnStates
{
    public const string Open = "open";
    public const string Shipped = "shipped";
}

internal static class Discrepancy
{
    public const string Short = "short";
    public const string Over = "over";
    public const string Damaged = "damaged";
    public const string UnexpectedSku = "unexpected_sku";
    public const string WrongLot = "wrong_lot";
}
