using Microsoft.EntityFrameworkCore;
using Weft.Commerce.Catalog;
using Weft.Commerce.Persistence;
using Weft.Commerce.Warehouses;
using Weft.Platform.Errors;
using Weft.Platform.Paging;

namespace Weft.Commerce.Stock;

/// <summary>
/// The stock ledger: every change of stock is a move from one location to another, appended and never changed; what a
/// location holds is kept beside the moves in the same transaction and always equals their sum. A request's lines all
/// move or none does. Moves of one SKU take turns (its row is locked first), so stock never goes below what is
/// reserved, however many requests take the last units at once: the ones that find too little are refused with 409.
/// Each move carries its value at the moving average cost (a receipt at what it cost, which moves the average).
/// </summary>
internal sealed class StockLedger(CommerceDb data, Warehouses.Warehouses warehouses)
{
    public const int MaxLines = 500;
    private const string Internal = "internal";

    public async Task<IReadOnlyList<MoveDto>> MoveAsync(long tenant, string actor, MoveRequest request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var reason = request.Reason ?? "";
        if (!MoveReasons.All.Contains(reason)) errors.Add("reason", $"'reason' must be one of: {string.Join(", ", MoveReasons.All)}.");
        if (request.Reference is { Length: > 100 }) errors.Add("reference", "'reference' is at most 100 characters.");
        if (request.Lines is not { Count: > 0 and <= MaxLines }) errors.Add("lines", $"Give 1-{MaxLines} lines.");
        else
        {
            for (var i = 0; i < request.Lines.Count; i++)
            {
                var line = request.Lines[i];
                var at = $"lines[{i}]";
                if (line is null) { errors.Add(at, "A line has a 'sku' and a 'quantity'."); continue; }
                if (string.IsNullOrWhiteSpace(line.Sku) || line.Sku.Length > 64) errors.Add(at + ".sku", "'sku' is required.");
                if (line.Quantity is not (> 0 and <= 1_000_000_000)) errors.Add(at + ".quantity", "'quantity' must be more than 0, at most 1,000,000,000.");
                else if (decimal.Round(line.Quantity.Value, 4) != line.Quantity.Value) errors.Add(at + ".quantity", "'quantity' has at most 4 decimals.");
                if (line.Lot is { Length: > 64 }) errors.Add(at + ".lot", "'lot' is at most 64 characters.");
                if (line.UnitCost is < 0 or > 1_000_000_000) errors.Add(at + ".unitCost", "'unitCost' must be between 0 and 1,000,000,000.");
                if (reason == MoveReasons.Receipt && line.UnitCost is null) errors.Add(at + ".unitCost", "A receipt says what one unit cost.");
                if (reason != MoveReasons.Receipt && line.UnitCost is not null) errors.Add(at + ".unitCost", "Only a receipt sets the cost; other moves go at the moving average.");
            }
        }
        errors.ThrowIfAny();

        return await data.ChangeAsync(tenant, db => MoveInAsync(db, actor, request, ct), ct);
    }

    /// <summary>The moves of a checked request, inside the caller's unit of work (a count's approval joins its own change to them).</summary>
    internal async Task<IReadOnlyList<MoveDto>> MoveInAsync(CommerceDbContext db, string actor, MoveRequest request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var reason = request.Reason!;
        await warehouses.EnsureVirtualAsync(db, ct);
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
        var lines = request.Lines!;
        var skus = lines.Select(l => l.Sku!).Distinct().ToList();
        // Moves of these SKUs take turns from here to the commit (PostgreSQL holds the rows' locks; SQLite writes one at a time).
        await TakeTurnAsync(db.Variants.Where(v => skus.Contains(v.Sku)), ct);
        var variants = await db.Variants.Where(v => skus.Contains(v.Sku)).ToDictionaryAsync(v => v.Sku, StringComparer.Ordinal, ct);
        var productIds = variants.Values.Select(v => v.ProductId).Distinct().ToList();
        var products = await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var (fromSide, toSide) = MoveReasons.Sides(reason);
        var paths = lines.SelectMany(l => new[] { SideOf(l.From, fromSide), SideOf(l.To, toSide) }).OfType<string>().Distinct().ToList();
        var locations = await db.Locations.AsNoTracking().Where(l => paths.Contains(l.Path)).ToDictionaryAsync(l => l.Path, StringComparer.Ordinal, ct);

        var resolved = new List<(VariantRecord Variant, ProductRecord Product, LocationRecord From, LocationRecord To, decimal Quantity, string Lot, decimal? UnitCost,
            long? Reservation)>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var at = $"lines[{i}]";
            if (!variants.TryGetValue(line.Sku!, out var variant)) { errors.Add(at + ".sku", $"There is no SKU '{line.Sku}'."); continue; }
            var product = products[variant.ProductId];
            var from = Side(errors, at + ".from", SideOf(line.From, fromSide), fromSide, locations);
            var to = Side(errors, at + ".to", SideOf(line.To, toSide), toSide, locations);
            if (from is not null && to is not null && from.Id == to.Id) errors.Add(at + ".to", "A move goes from one location to another.");
            if (from is not null && to is not null && !LocationTypes.HoldsStock(from.Type) && !LocationTypes.HoldsStock(to.Type))
                errors.Add(at, "One side of a move is a location that holds stock.");
            var lot = line.Lot?.Trim() ?? "";
            if (product.Tracking == "none" && lot.Length > 0) errors.Add(at + ".lot", $"'{product.Key}' is not tracked by lot or serial number.");
            if (product.Tracking != "none" && lot.Length == 0) errors.Add(at + ".lot", $"'{product.Key}' is tracked: give the {(product.Tracking == "lot" ? "lot" : "serial")} number.");
            if (product.Tracking == "serial" && line.Quantity != 1) errors.Add(at + ".quantity", "A serial number is one unit: one line per serial number, quantity 1.");
            if (Units.IsCounted(product.Unit) && line.Quantity != decimal.Truncate(line.Quantity!.Value))
                errors.Add(at + ".quantity", $"'{product.Key}' is counted in {product.Unit}s: a whole number.");
            if (line.Reservation is not null && from is not null && !LocationTypes.HoldsStock(from.Type))
                errors.Add(at + ".reservation", "A reservation holds stock at a location: only a move from there takes it.");
            if (from is not null && to is not null) resolved.Add((variant, product, from, to, line.Quantity!.Value, lot, line.UnitCost, line.Reservation));
        }
        errors.ThrowIfAny();

        // These SKUs everywhere (serial numbers are one unit in one place); what other SKUs a location holds is summed only
        // where a capacity needs it (a receiving area holding thousands of SKUs is not loaded for every receipt).
        var variantIds = variants.Values.Select(v => v.Id).ToList();
        var stock = await db.Stock.Where(s => variantIds.Contains(s.VariantId)).ToDictionaryAsync(s => (s.VariantId, s.LocationId, s.Lot), ct);
        var heldBefore = new Dictionary<long, decimal>();
        var change = new Dictionary<long, decimal>();
        async Task<decimal> HeldAsync(long location)
        {
            if (!heldBefore.TryGetValue(location, out var held))
            {
                // What the database holds there (this request's own changes are not saved yet: they are in 'change').
                held = (await db.Stock.AsNoTracking().Where(s => s.LocationId == location).Select(s => s.OnHand).ToListAsync(ct)).Sum();
                heldBefore[location] = held;
            }
            return held + change.GetValueOrDefault(location);
        }
        var reservationIds = resolved.Where(r => r.Reservation is not null).Select(r => r.Reservation!.Value).Distinct().ToList();
        var reservations = reservationIds.Count == 0 ? [] : await db.Reservations.Where(r => reservationIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
        var moves = new List<MoveRecord>();
        foreach (var (variant, product, from, to, quantity, lot, unitCost, reservationId) in resolved)
        {
            decimal cost;
            if (LocationTypes.HoldsStock(from.Type))
            {
                var row = stock.GetValueOrDefault((variant.Id, from.Id, lot));
                if (reservationId is { } rid)
                {
                    // Stock held for this move: it is on hand, and the reservation says how much of it is the move's.
                    if (!reservations.TryGetValue(rid, out var reservation))
                        throw WeftException.NotFound("reservation_not_found", $"There is no reservation {rid}.");
                    if (reservation.VariantId != variant.Id || reservation.LocationId != from.Id || reservation.Lot != lot)
                        throw WeftException.Conflict("reservation_mismatch", $"Reservation {rid} holds {reservation.Sku} elsewhere or of another lot, not what this line moves. Nothing moved.");
                    if (reservation.State != ReservationStates.Active || reservation.Quantity < quantity)
                        throw WeftException.Conflict("reservation_short",
                            $"Reservation {rid} holds {(reservation.State == ReservationStates.Active ? reservation.Quantity : 0):0.####} ({reservation.State}); {quantity:0.####} cannot move from it. Nothing moved.");
                    reservation.Quantity -= quantity;
                    if (reservation.Quantity == 0) (reservation.State, reservation.EndedAt) = (ReservationStates.Consumed, data.Now);
                    row!.Reserved -= quantity;
                    row.OnHand -= quantity;
                    change[from.Id] = change.GetValueOrDefault(from.Id) - quantity;
                }
                else
                {
                    var available = row is null ? 0 : row.OnHand - row.Reserved;
                    if (available < quantity)
                        throw WeftException.Conflict("insufficient_stock",
                            $"'{from.Path}' has {available:0.####} of {variant.Sku}{(lot.Length > 0 ? $" (lot {lot})" : "")} available; {quantity:0.####} cannot move. Nothing moved.",
                            new { sku = variant.Sku, location = from.Path, lot, available, requested = quantity });
                    row!.OnHand -= quantity;
                    change[from.Id] = change.GetValueOrDefault(from.Id) - quantity;
                }
            }
            if (LocationTypes.HoldsStock(to.Type))
            {
                if (to.Capacity is { } capacity)
                {
                    var held = await HeldAsync(to.Id);
                    if (held + quantity > capacity)
                        throw WeftException.Conflict("location_full",
                            $"'{to.Path}' holds {held:0.####} of its {capacity:0.####}; {quantity:0.####} more do not fit. Nothing moved.",
                            new { location = to.Path, held, capacity, requested = quantity });
                }
                if (product.Tracking == "serial" && stock.Values.Any(s => s.VariantId == variant.Id && s.Lot == lot && s.OnHand > 0))
                    throw WeftException.Conflict("serial_on_hand", $"Serial number {lot} of {variant.Sku} is already on hand. Nothing moved.");
                if (!stock.TryGetValue((variant.Id, to.Id, lot), out var row))
                {
                    row = new StockRecord { VariantId = variant.Id, LocationId = to.Id, Lot = lot };
                    db.Stock.Add(row);
                    stock[(variant.Id, to.Id, lot)] = row;
                }
                row.OnHand += quantity;
                change[to.Id] = change.GetValueOrDefault(to.Id) + quantity;
            }

            // Value: a receipt at what it cost (moving the average); everything else at the average.
            var entering = !LocationTypes.HoldsStock(from.Type);
            var leaving = !LocationTypes.HoldsStock(to.Type);
            if (unitCost is { } paid)
            {
                cost = paid;
                var total = variant.OnHand + quantity;
                variant.AverageCost = total > 0 ? decimal.Round((variant.OnHand * variant.AverageCost + quantity * paid) / total, 6) : paid;
            }
            else
            {
                // With nothing on hand there is no average yet: what the catalog says it costs.
                cost = variant.OnHand > 0 || variant.AverageCost > 0 ? variant.AverageCost : variant.Cost;
                if (entering && variant.OnHand <= 0) variant.AverageCost = cost;
            }
            if (entering) variant.OnHand += quantity;
            if (leaving) variant.OnHand -= quantity;
            moves.Add(new MoveRecord
            {
                VariantId = variant.Id, Sku = variant.Sku, FromLocationId = from.Id, ToLocationId = to.Id, Quantity = quantity, Lot = lot, Reason = reason,
                Reference = request.Reference?.Trim() ?? "", Actor = actor, At = data.Now, UnitCost = cost, Value = decimal.Round(quantity * cost, 6),
                ReservationId = reservationId,
            });
        }
        db.Moves.AddRange(moves);
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
        foreach (var move in moves) move.Batch = moves[0].Id;
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
        var pathOf = resolved.SelectMany(r => new[] { r.From, r.To }).DistinctBy(l => l.Id).ToDictionary(l => l.Id, l => l.Path);
        return (IReadOnlyList<MoveDto>)[.. moves.Select(m => ToDto(m, pathOf))];
    }

    /// <summary>Holds stock at a location for a reference: on hand stays, available falls; refused when less is available.</summary>
    public async Task<ReservationDto> ReserveAsync(long tenant, string actor, ReserveRequest request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(request.Sku) || request.Sku.Length > 64) errors.Add("sku", "'sku' is required.");
        if (string.IsNullOrWhiteSpace(request.Location) || request.Location.Length > 300) errors.Add("location", "'location' (a path) is required.");
        if (request.Quantity is not (> 0 and <= 1_000_000_000) || decimal.Round(request.Quantity.Value, 4) != request.Quantity.Value)
            errors.Add("quantity", "'quantity' must be more than 0, at most 1,000,000,000, with at most 4 decimals.");
        if (string.IsNullOrWhiteSpace(request.Reference) || request.Reference.Length > 100) errors.Add("reference", "'reference' (what it is held for) is required, at most 100 characters.");
        if (request.Lot is { Length: > 64 }) errors.Add("lot", "'lot' is at most 64 characters.");
        errors.ThrowIfAny();
        return await data.ChangeAsync(tenant, async db =>
        {
            await TakeTurnAsync(db.Variants.Where(v => v.Sku == request.Sku), ct);
            var variant = await db.Variants.AsNoTracking().FirstOrDefaultAsync(v => v.Sku == request.Sku, ct)
                ?? throw WeftException.NotFound("sku_not_found", $"There is no SKU '{request.Sku}'.");
            var location = await db.Locations.AsNoTracking().FirstOrDefaultAsync(l => l.Path == request.Location, ct)
                ?? throw WeftException.NotFound("location_not_found", $"There is no location '{request.Location}'.");
            var lot = request.Lot?.Trim() ?? "";
            var row = await db.Stock.FirstOrDefaultAsync(s => s.VariantId == variant.Id && s.LocationId == location.Id && s.Lot == lot, ct);
            var available = row is null ? 0 : row.OnHand - row.Reserved;
            if (available < request.Quantity)
                throw WeftException.Conflict("insufficient_stock",
                    $"'{location.Path}' has {available:0.####} of {variant.Sku} available; {request.Quantity:0.####} cannot be reserved.",
                    new { sku = variant.Sku, location = location.Path, lot, available, requested = request.Quantity });
            row!.Reserved += request.Quantity!.Value;
            var reservation = new ReservationRecord
            {
                VariantId = variant.Id, Sku = variant.Sku, LocationId = location.Id, Lot = lot, Quantity = request.Quantity.Value, Reserved = request.Quantity.Value,
                Reference = request.Reference!.Trim(), State = ReservationStates.Active, Actor = actor, CreatedAt = data.Now,
            };
            db.Reservations.Add(reservation);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            return ToDto(reservation, location.Path);
        }, ct);
    }

    /// <summary>Gives back what a reservation still holds; a reservation already ended is refused (409).</summary>
    public async Task<ReservationDto> ReleaseAsync(long tenant, long id, CancellationToken ct = default) =>
        await data.ChangeAsync(tenant, async db =>
        {
            var found = await db.Reservations.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct)
                ?? throw WeftException.NotFound("reservation_not_found", $"There is no reservation {id}.");
            await TakeTurnAsync(db.Variants.Where(v => v.Id == found.VariantId), ct);
            var reservation = await db.Reservations.FirstAsync(r => r.Id == id, ct);
            if (reservation.State != ReservationStates.Active)
                throw WeftException.Conflict("reservation_ended", $"Reservation {id} is {reservation.State}: nothing is held to release.");
            var row = await db.Stock.FirstAsync(s => s.VariantId == reservation.VariantId && s.LocationId == reservation.LocationId && s.Lot == reservation.Lot, ct);
            row.Reserved -= reservation.Quantity;
            (reservation.State, reservation.EndedAt) = (ReservationStates.Released, data.Now);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            var path = await db.Locations.Where(l => l.Id == reservation.LocationId).Select(l => l.Path).FirstAsync(ct);
            return ToDto(reservation, path);
        }, ct);

    public async Task<IReadOnlyList<ReservationDto>> ReservationsAsync(long tenant, string? sku, string? reference, string? state, CancellationToken ct = default)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        var query = db.Reservations.AsNoTracking();
        if (!string.IsNullOrEmpty(sku)) query = query.Where(r => r.Sku == sku);
        if (!string.IsNullOrEmpty(reference)) query = query.Where(r => r.Reference == reference);
        if (!string.IsNullOrEmpty(state)) query = query.Where(r => r.State == state);
        var rows = await query.OrderBy(r => r.Id).Take(1000).ToListAsync(ct);
        var ids = rows.Select(r => r.LocationId).Distinct().ToList();
        var paths = await db.Locations.AsNoTracking().Where(l => ids.Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => l.Path, ct);
        return [.. rows.Select(r => ToDto(r, paths[r.LocationId]))];
    }

    private static ReservationDto ToDto(ReservationRecord r, string path) =>
        new(r.Id, r.Sku, path, r.Lot, r.Quantity, r.Reserved, r.Reference, r.State, r.Actor, r.CreatedAt, r.EndedAt);

    /// <param name="location">A location's path: its moves in or out, and those of the locations inside it.</param>
    public async Task<Page<MoveDto>> MovesAsync(long tenant, string? sku, string? location, string? reason, string? reference, int? limit, string? cursor,
        CancellationToken ct = default)
    {
        var (take, after) = PageCursor.Parse(limit, cursor);
        await using var db = await data.OpenAsync(tenant, ct);
        var query = db.Moves.AsNoTracking().Where(m => m.Id > after);
        if (!string.IsNullOrEmpty(sku)) query = query.Where(m => m.Sku == sku);
        if (!string.IsNullOrEmpty(reason)) query = query.Where(m => m.Reason == reason);
        if (!string.IsNullOrEmpty(reference)) query = query.Where(m => m.Reference == reference);
        if (!string.IsNullOrEmpty(location))
        {
            var inside = location + "/";
            var ids = db.Locations.Where(l => l.Path == location || l.Path.StartsWith(inside)).Select(l => l.Id);
            query = query.Where(m => ids.Contains(m.FromLocationId) || ids.Contains(m.ToLocationId));
        }
        var rows = await query.OrderBy(m => m.Id).Take(take + 1).ToListAsync(ct);
        var locationIds = rows.SelectMany(r => new[] { r.FromLocationId, r.ToLocationId }).Distinct().ToList();
        var paths = await db.Locations.AsNoTracking().Where(l => locationIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => l.Path, ct);
        return PageCursor.Of(rows, take, r => r.Id, r => ToDto(r, paths));
    }

    /// <summary>The ledger's moves as CSV (RFC 4180, a header row), with the same filters as the list, all pages, oldest first.</summary>
    public async Task<string> MovesCsvAsync(long tenant, string? sku, string? location, string? reason, string? reference, CancellationToken ct = default)
    {
        var csv = new System.Text.StringBuilder("id,batch,at,sku,lot,from,to,quantity,reason,reference,actor,unit_cost,value,reservation\r\n");
        string? cursor = null;
        do
        {
            var page = await MovesAsync(tenant, sku, location, reason, reference, PageCursor.MaxSize, cursor, ct);
            foreach (var m in page.Items)
            {
                csv.AppendJoin(',', [m.Id.ToString(Invariant), m.Batch.ToString(Invariant), m.At.ToString("yyyy-MM-ddTHH:mm:ssZ", Invariant), Field(m.Sku), Field(m.Lot),
                    Field(m.From), Field(m.To), m.Quantity.ToString("0.####", Invariant), m.Reason, Field(m.Reference), Field(m.Actor), m.UnitCost.ToString("0.######", Invariant),
                    m.Value.ToString("0.######", Invariant), m.Reservation?.ToString(Invariant) ?? ""]).Append("\r\n");
            }
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return csv.ToString();

        // Quoted when it holds a comma, a quote or a line break; a leading =, +, - or @ is prefixed with ' so that no spreadsheet runs it.
        static string Field(string value)
        {
            if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@') value = "'" + value;
            return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
        }
    }

    /// <summary>
    /// Makes every change to these SKUs' stock wait for this transaction: their rows are written first, so PostgreSQL holds
    /// their locks to the commit (SQLite writes one transaction at a time anyway). Moves, reservations and releases all start here.
    /// </summary>
    private static Task<int> TakeTurnAsync(IQueryable<VariantRecord> variants, CancellationToken ct) =>
        variants.ExecuteUpdateAsync(u => u.SetProperty(v => v.Version, v => v.Version + 1), ct);

    private static readonly System.Globalization.CultureInfo Invariant = System.Globalization.CultureInfo.InvariantCulture;

    /// <summary>What is on hand, by SKU, location and lot (rows with nothing on hand or reserved left out), for a SKU and/or under a location.</summary>
    public async Task<IReadOnlyList<StockDto>> StockAsync(long tenant, string? sku, string? location, CancellationToken ct = default)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        var query = from s in db.Stock.AsNoTracking()
                    join v in db.Variants.AsNoTracking() on s.VariantId equals v.Id
                    join l in db.Locations.AsNoTracking() on s.LocationId equals l.Id
                    select new { v.Sku, l.Path, s.Lot, s.OnHand, s.Reserved };
        if (!string.IsNullOrEmpty(sku)) query = query.Where(r => r.Sku == sku);
        if (!string.IsNullOrEmpty(location))
        {
            var inside = location + "/";
            query = query.Where(r => r.Path == location || r.Path.StartsWith(inside));
        }
        var rows = await query.ToListAsync(ct);
        return [.. rows.Where(r => r.OnHand != 0 || r.Reserved != 0)
            .OrderBy(r => r.Sku, StringComparer.Ordinal).ThenBy(r => r.Path, StringComparer.Ordinal).ThenBy(r => r.Lot, StringComparer.Ordinal)
            .Select(r => new StockDto(r.Sku, r.Path, r.Lot, r.OnHand, r.Reserved, r.OnHand - r.Reserved))];
    }

    /// <summary>The path a line names for one side, or the reason's one virtual location for that side when it names none.</summary>
    private static string? SideOf(string? named, string[] allowed) =>
        !string.IsNullOrWhiteSpace(named) ? named.Trim()
        : allowed is [var only] && only != Internal ? LocationTypes.VirtualPath(only)
        : null;

    private static LocationRecord? Side(FieldErrors errors, string at, string? path, string[] allowed, Dictionary<string, LocationRecord> locations)
    {
        if (path is null) { errors.Add(at, "Say which location (its path)."); return null; }
        if (!locations.TryGetValue(path, out var location)) { errors.Add(at, $"There is no location '{path}'."); return null; }
        var ok = allowed.Contains(location.Type) || (allowed.Contains(Internal) && LocationTypes.HoldsStock(location.Type));
        if (!ok)
        {
            errors.Add(at, location.Type == LocationTypes.View
                ? $"'{path}' is a view (a warehouse, zone or aisle) and holds no stock: name one of its locations."
                : $"This reason does not move stock {(at.EndsWith(".from", StringComparison.Ordinal) ? "from" : "to")} a {location.Type} location.");
            return null;
        }
        return location;
    }

    private static MoveDto ToDto(MoveRecord m, IReadOnlyDictionary<long, string> paths) =>
        new(m.Id, m.Batch, m.Sku, paths.GetValueOrDefault(m.FromLocationId, "?"), paths.GetValueOrDefault(m.ToLocationId, "?"), m.Quantity, m.Lot, m.Reason,
            m.Reference, m.Actor, m.At, m.UnitCost, m.Value, m.ReservationId);
}
