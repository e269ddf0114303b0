using Microsoft.EntityFrameworkCore;
using Weft.Commerce.Persistence;
using Weft.Commerce.Stock;
using Weft.Commerce.Warehouses;
using Weft.Platform.Audit;
using Weft.Platform.Errors;

namespace Weft.Commerce.Counts;

/// <summary>
/// Cycle counts: someone counts a location and records what they found beside what the ledger says; the variances wait
/// for a manager. Approval writes one adjustment move per variance in the same transaction (what moved since the count
/// stays counted: the variance is applied, not the counted figure); rejection writes none.
/// </summary>
internal sealed class StockCounts(CommerceDb data, StockLedger ledger)
{
    public const string Pending = "pending";
    public const string Approved = "approved";
    public const string Rejected = "rejected";

    public async Task<CountDto> RecordAsync(long tenant, string actor, CountRequest request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(request.Location) || request.Location.Length > 300) errors.Add("location", "'location' (a path) is required.");
        if (request.Reference is { Length: > 100 }) errors.Add("reference", "'reference' is at most 100 characters.");
        if (request.Lines is not { Count: > 0 and <= 1000 }) errors.Add("lines", "Give 1-1,000 lines.");
        else
        {
            for (var i = 0; i < request.Lines.Count; i++)
            {
                var line = request.Lines[i];
                if (line is null || string.IsNullOrWhiteSpace(line.Sku) || line.Sku.Length > 64) errors.Add($"lines[{i}].sku", "'sku' is required.");
                if (line?.Counted is not (>= 0 and <= 1_000_000_000) || decimal.Round(line.Counted.Value, 4) != line.Counted.Value)
                    errors.Add($"lines[{i}].counted", "'counted' must be between 0 and 1,000,000,000, with at most 4 decimals.");
                if (line?.Lot is { Length: > 64 }) errors.Add($"lines[{i}].lot", "'lot' is at most 64 characters.");
            }
            foreach (var dup in request.Lines.Where(l => l?.Sku is not null).GroupBy(l => (l.Sku, l.Lot?.Trim() ?? "")).Where(g => g.Count() > 1))
                errors.Add("lines", $"{dup.Key.Sku}{(dup.Key.Item2.Length > 0 ? " lot " + dup.Key.Item2 : "")} is counted twice.");
        }
        errors.ThrowIfAny();
        return await data.ChangeAsync(tenant, async db =>
        {
            var location = await db.Locations.AsNoTracking().FirstOrDefaultAsync(l => l.Path == request.Location, ct)
                ?? throw WeftException.NotFound("location_not_found", $"There is no location '{request.Location}'.");
            if (!LocationTypes.HoldsStock(location.Type)) throw WeftException.Rule("location_holds_no_stock", $"'{location.Path}' is a {location.Type}: count the locations in it.");
            var skus = request.Lines!.Select(l => l.Sku!).Distinct().ToList();
            var variants = await db.Variants.AsNoTracking().Where(v => skus.Contains(v.Sku)).ToDictionaryAsync(v => v.Sku, StringComparer.Ordinal, ct);
            if (skus.FirstOrDefault(s => !variants.ContainsKey(s)) is { } unknown)
                throw FieldErrors.Of("lines", $"There is no SKU '{unknown}'.");
            var ids = variants.Values.Select(v => v.Id).ToList();
            var stock = await db.Stock.AsNoTracking().Where(s => s.LocationId == location.Id && ids.Contains(s.VariantId)).ToListAsync(ct);
            var count = new CountRecord { LocationId = location.Id, Reference = request.Reference?.Trim() ?? "", State = Pending, CountedBy = actor, CountedAt = data.Now };
            db.Counts.Add(count);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            var lines = request.Lines!.Select(l =>
            {
                var variant = variants[l.Sku!];
                var lot = l.Lot?.Trim() ?? "";
                var expected = stock.FirstOrDefault(s => s.VariantId == variant.Id && s.Lot == lot)?.OnHand ?? 0;
                return new CountLineRecord { CountId = count.Id, VariantId = variant.Id, Sku = variant.Sku, Lot = lot, Expected = expected, Counted = l.Counted!.Value, Variance = l.Counted.Value - expected };
            }).ToList();
            db.CountLines.AddRange(lines);
            db.Publish(new AuditRecorded("commerce_count_recorded", data.Now, actor,
                AuditRecorded.DataOf(new { count = count.Id, location = location.Path, variances = lines.Count(l => l.Variance != 0) })), AuditRecorded.Stream);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            return ToDto(count, location.Path, lines);
        }, ct);
    }

    /// <summary>Approves a pending count: its variances become adjustment moves, all or none (409 when stock has since gone below what a loss takes).</summary>
    public Task<CountDto> ApproveAsync(long tenant, string actor, long id, DecideCountRequest request, CancellationToken ct = default) =>
        DecideAsync(tenant, actor, id, request, approve: true, ct);

    public Task<CountDto> RejectAsync(long tenant, string actor, long id, DecideCountRequest request, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(request.Note))
            throw FieldErrors.Of("note", "Say why the count is rejected.");
        return DecideAsync(tenant, actor, id, request, approve: false, ct);
    }

    public async Task<CountDto> GetAsync(long tenant, long id, CancellationToken ct = default)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        var count = await db.Counts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw NotFound(id);
        return ToDto(count, await db.Locations.Where(l => l.Id == count.LocationId).Select(l => l.Path).FirstAsync(ct),
            await db.CountLines.AsNoTracking().Where(l => l.CountId == id).OrderBy(l => l.Id).ToListAsync(ct));
    }

    public async Task<IReadOnlyList<CountDto>> ListAsync(long tenant, string? state, CancellationToken ct = default)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        var query = db.Counts.AsNoTracking();
        if (!string.IsNullOrEmpty(state)) query = query.Where(c => c.State == state);
        var counts = await query.OrderByDescending(c => c.Id).Take(200).ToListAsync(ct);
        var ids = counts.Select(c => c.Id).ToList();
        var lines = (await db.CountLines.AsNoTracking().Where(l => ids.Contains(l.CountId)).OrderBy(l => l.Id).ToListAsync(ct)).ToLookup(l => l.CountId);
        var locationIds = counts.Select(c => c.LocationId).Distinct().ToList();
        var paths = await db.Locations.AsNoTracking().Where(l => locationIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => l.Path, ct);
        return [.. counts.Select(c => ToDto(c, paths[c.LocationId], [.. lines[c.Id]]))];
    }

    private async Task<CountDto> DecideAsync(long tenant, string actor, long id, DecideCountRequest request, bool approve, CancellationToken ct)
    {
        if (request.Note is { Length: > 1000 })
            throw FieldErrors.Of("note", "At most 1,000 characters.");
        return await data.ChangeAsync(tenant, async db =>
        {
            var count = await db.Counts.FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw NotFound(id);
            if (count.State != Pending) throw WeftException.Conflict("count_decided", $"Count {id} is already {count.State}.");
            var path = await db.Locations.Where(l => l.Id == count.LocationId).Select(l => l.Path).FirstAsync(ct);
            var lines = await db.CountLines.AsNoTracking().Where(l => l.CountId == id).OrderBy(l => l.Id).ToListAsync(ct);
            var adjust = lines.Where(l => l.Variance != 0).ToList();
            if (approve && adjust.Count > 0)
            {
                var adjustment = LocationTypes.VirtualPath(LocationTypes.Adjustment);
                await ledger.MoveInAsync(db, actor, new MoveRequest(MoveReasons.Adjustment, $"count {id}", [.. adjust.Select(l => new MoveLineRequest(l.Sku,
                    Math.Abs(l.Variance), l.Variance > 0 ? adjustment : path, l.Variance > 0 ? path : adjustment, l.Lot.Length > 0 ? l.Lot : null))]), ct);
            }
            (count.State, count.DecidedBy, count.DecidedAt, count.Note) = (approve ? Approved : Rejected, actor, data.Now, request.Note?.Trim() ?? "");
            db.Publish(new AuditRecorded(approve ? "commerce_count_approved" : "commerce_count_rejected", data.Now, actor,
                AuditRecorded.DataOf(new { count = id, location = path, adjusted = approve ? adjust.Count : 0 })), AuditRecorded.Stream);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            return ToDto(count, path, lines);
        }, ct);
    }

    private static WeftException NotFound(long id) => WeftException.NotFound("count_not_found", $"There is no count {id}.");

    private static CountDto ToDto(CountRecord c, string path, IReadOnlyList<CountLineRecord> lines) =>
        new(c.Id, path, c.Reference, c.State, c.CountedBy, c.CountedAt, c.DecidedBy, c.DecidedAt, c.Note,
            [.. lines.Select(l => new CountLineDto(l.Sku, l.Lot, l.Expected, l.Counted, l.Variance))]);
}
