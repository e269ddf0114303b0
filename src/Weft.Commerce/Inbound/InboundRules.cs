using Microsoft.EntityFrameworkCore;
using Weft.Commerce.Persistence;
using Weft.Platform.Audit;
using Weft.Platform.Errors;

namespace Weft.Commerce.Inbound;

/// <summary>The rules inbound follows: each product's quality control, and where goods are put away (fixed bins, category zones).</summary>
internal sealed class InboundRules(CommerceDb data)
{
    public const int MaxChecks = 20;

    public async Task<QcRuleDto> SetQcRuleAsync(long tenant, string actor, string product, QcRuleRequest request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var rule = request.Rule ?? "";
        if (!QualityControl.Rules.Contains(rule)) errors.Add("rule", $"'rule' must be one of: {string.Join(", ", QualityControl.Rules)}.");
        if (rule == "every_nth" && request.Every is not (>= 1 and <= 1000)) errors.Add("every", "every_nth needs 'every' between 1 and 1,000.");
        if (rule == "random_sample" && request.SampleRate is not (> 0 and <= 1)) errors.Add("sampleRate", "random_sample needs 'sampleRate' above 0, at most 1.");
        if (request.SampleSize is < 0 or > 1_000_000) errors.Add("sampleSize", "'sampleSize' must be between 0 (all units) and 1,000,000.");
        var checks = request.Checks ?? [];
        if (checks.Count > MaxChecks) errors.Add("checks", $"At most {MaxChecks} checks.");
        for (var i = 0; i < checks.Count; i++)
        {
            var c = checks[i];
            if (c is null || string.IsNullOrWhiteSpace(c.Name) || c.Name.Length > 60) { errors.Add($"checks[{i}].name", "A check has a 'name' (1-60 characters)."); continue; }
            if (!QualityControl.Kinds.Contains(c.Kind ?? "")) errors.Add($"checks[{i}].kind", "'kind' is pass_fail or measure.");
            if (c.Kind == "measure" && (c.Norm is null || c.Tolerance is not >= 0)) errors.Add($"checks[{i}]", "A measure has a 'norm' and a 'tolerance' of 0 or more.");
            if (c.Unit is { Length: > 16 }) errors.Add($"checks[{i}].unit", "'unit' is at most 16 characters.");
        }
        if (checks.Where(c => c?.Name is not null).GroupBy(c => c.Name!.Trim(), StringComparer.OrdinalIgnoreCase).Any(g => g.Count() > 1))
            errors.Add("checks", "Two checks have the same name.");
        errors.ThrowIfAny();
        await data.ChangeAsync(tenant, async db =>
        {
            var p = await db.Products.AsNoTracking().FirstOrDefaultAsync(x => x.Key == product, ct)
                ?? throw WeftException.NotFound("product_not_found", $"There is no product '{product}'.");
            var row = await db.QcRules.FirstOrDefaultAsync(r => r.ProductId == p.Id, ct);
            if (row is null) db.QcRules.Add(row = new QcRuleRecord { ProductId = p.Id });
            (row.Rule, row.Every, row.SampleRate, row.SampleSize) = (rule, request.Every ?? 0, request.SampleRate ?? 0, request.SampleSize ?? 0);
            row.ChecksJson = QualityControl.ToJson(checks.Select(c => c with { Name = c.Name!.Trim() }).ToList());
            db.Publish(new AuditRecorded("commerce_qc_rule_set", data.Now, actor, AuditRecorded.DataOf(new { product, rule })), AuditRecorded.Stream);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            return 0;
        }, ct);
        return await GetQcRuleAsync(tenant, product, ct);
    }

    public async Task<QcRuleDto> GetQcRuleAsync(long tenant, string product, CancellationToken ct = default)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        var p = await db.Products.AsNoTracking().FirstOrDefaultAsync(x => x.Key == product, ct)
            ?? throw WeftException.NotFound("product_not_found", $"There is no product '{product}'.");
        var row = await db.QcRules.AsNoTracking().FirstOrDefaultAsync(r => r.ProductId == p.Id, ct);
        return row is null ? new QcRuleDto(product, "none", 0, 0, 0, [], 0)
            : new QcRuleDto(product, row.Rule, row.Every, row.SampleRate, row.SampleSize, QualityControl.ChecksOf(row.ChecksJson), row.Version);
    }

    /// <summary>Sets a fixed bin for a SKU or a zone for a category (replacing the one it had).</summary>
    public async Task<PutawayRuleDto> SetPutawayRuleAsync(long tenant, string actor, PutawayRuleRequest request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (request.Kind is not ("fixed_bin" or "category_zone")) errors.Add("kind", "'kind' is fixed_bin or category_zone.");
        if (string.IsNullOrWhiteSpace(request.Location) || request.Location.Length > 300) errors.Add("location", "'location' is required: a location's path.");
        if (request.Kind == "fixed_bin" && (string.IsNullOrWhiteSpace(request.Sku) || request.Sku.Length > 64)) errors.Add("sku", "A fixed bin is for a 'sku'.");
        if (request.Kind == "category_zone" && (string.IsNullOrWhiteSpace(request.Category) || request.Category.Length > 200)) errors.Add("category", "A zone is for a 'category'.");
        errors.ThrowIfAny();
        var id = await data.ChangeAsync(tenant, async db =>
        {
            var location = await db.Locations.AsNoTracking().FirstOrDefaultAsync(l => l.Path == request.Location!.Trim(), ct)
                ?? throw WeftException.Rule("location_not_found", $"There is no location '{request.Location}'.");
            if (location.WarehouseId is null) throw WeftException.Rule("location_virtual", $"'{location.Path}' is virtual: goods are put away in a warehouse.");
            if (request.Kind == "fixed_bin" && location.Type is not ("storage" or "picking"))
                throw WeftException.Rule("not_a_bin", $"'{location.Path}' is a {location.Type} location; a fixed bin is a storage or picking location.");
            if (request.Kind == "category_zone" && location.Type != "view")
                throw WeftException.Rule("not_a_zone", $"'{location.Path}' is a {location.Type} location; a zone is a location that groups bins (type view).");
            var (sku, category) = request.Kind == "fixed_bin" ? (request.Sku!.Trim(), "") : ("", Catalog.Products.NormalizeCategory(request.Category));
            if (sku.Length > 0 && !await db.Variants.AnyAsync(v => v.Sku == sku, ct)) throw WeftException.Rule("sku_not_found", $"There is no SKU '{sku}'.");
            var row = await db.PutawayRules.FirstOrDefaultAsync(r => r.Kind == request.Kind && r.Sku == sku && r.Category == category, ct);
            if (row is null) db.PutawayRules.Add(row = new PutawayRuleRecord { Kind = request.Kind!, Sku = sku, Category = category });
            row.LocationId = location.Id;
            db.Publish(new AuditRecorded("commerce_putaway_rule_set", data.Now, actor, AuditRecorded.DataOf(new { kind = request.Kind, sku, category, location = location.Path })),
                AuditRecorded.Stream);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            return row.Id;
        }, ct);
        return (await ListPutawayRulesAsync(tenant, ct)).Single(r => r.Id == id);
    }

    public async Task<IReadOnlyList<PutawayRuleDto>> ListPutawayRulesAsync(long tenant, CancellationToken ct = default)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        var rules = await db.PutawayRules.AsNoTracking().OrderBy(r => r.Kind).ThenBy(r => r.Sku).ThenBy(r => r.Category).ToListAsync(ct);
        var ids = rules.Select(r => r.LocationId).ToList();
        var paths = await db.Locations.AsNoTracking().Where(l => ids.Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => l.Path, ct);
        return [.. rules.Select(r => new PutawayRuleDto(r.Id, r.Kind, r.Sku, r.Category, paths[r.LocationId]))];
    }
}
