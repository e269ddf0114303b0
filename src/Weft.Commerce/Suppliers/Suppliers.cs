using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Weft.Commerce.Persistence;
using Weft.Commerce.Replenishment;
using Weft.Platform.Audit;
using Weft.Platform.Errors;
using Weft.Platform.Paging;

namespace Weft.Commerce.Suppliers;

/// <summary>
/// The companies the merchant buys from and what each sells: its SKUs with prices, price breaks, minimum order, pack size
/// and lead time. A supplier's lead time is measured from its orders (sent to first receipt) and its scorecard from how
/// they were delivered.
/// </summary>
internal sealed class Suppliers(CommerceDb data)
{
    public const int MaxPriceBreaks = 20;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<SupplierDto> CreateAsync(long tenant, string actor, CreateSupplierRequest request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        errors.RequireKey(request.Key, "key");
        if (string.IsNullOrWhiteSpace(request.Name)) errors.Add("name", "'name' is required, at most 200 characters.");
        if (request.Email is null) errors.Add("email", "'email' is required: where purchase orders are sent.");
        CheckFields(errors, request.Name, request.Email, request.ContactName, request.Phone, request.Address, request.Currency, request.LeadTimeDays);
        errors.ThrowIfAny();
        var id = await data.ChangeAsync(tenant, async db =>
        {
            if (await db.Suppliers.AnyAsync(s => s.Key == request.Key, ct))
                throw WeftException.Conflict("supplier_exists", $"Supplier '{request.Key}' already exists.");
            var supplier = new SupplierRecord
            {
                Key = request.Key!, Name = request.Name!.Trim(), Email = request.Email!.Trim(), ContactName = request.ContactName?.Trim() ?? "",
                Phone = request.Phone?.Trim() ?? "", Address = request.Address?.Trim() ?? "", Currency = request.Currency ?? "EUR",
                LeadTimeDays = request.LeadTimeDays ?? 7, CreatedAt = data.Now,
            };
            db.Suppliers.Add(supplier);
            db.Publish(new AuditRecorded("commerce_supplier_created", data.Now, actor, AuditRecorded.DataOf(new { key = supplier.Key })), AuditRecorded.Stream);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            return supplier.Id;
        }, ct);
        return await GetAsync(tenant, request.Key!, ct);
    }

    public async Task<SupplierDto> UpdateAsync(long tenant, string actor, string key, UpdateSupplierRequest request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (request.Version is null) errors.Add("version", "'version' is required: the version you read.");
        if (request.Name is not null && string.IsNullOrWhiteSpace(request.Name)) errors.Add("name", "'name' cannot be blank.");
        CheckFields(errors, request.Name, request.Email, request.ContactName, request.Phone, request.Address, request.Currency, request.LeadTimeDays);
        errors.ThrowIfAny();
        await data.ChangeAsync(tenant, async db =>
        {
            var supplier = await FindAsync(db, key, ct);
            if (supplier.Version != request.Version)
                throw WeftException.Conflict("stale_version", $"Supplier '{key}' changed since you read it (version {supplier.Version}, not {request.Version}).");
            if (request.Name is not null) supplier.Name = request.Name.Trim();
            if (request.Email is not null) supplier.Email = request.Email.Trim();
            if (request.ContactName is not null) supplier.ContactName = request.ContactName.Trim();
            if (request.Phone is not null) supplier.Phone = request.Phone.Trim();
            if (request.Address is not null) supplier.Address = request.Address.Trim();
            if (request.Currency is not null) supplier.Currency = request.Currency;
            if (request.LeadTimeDays is { } days) supplier.LeadTimeDays = days;
            db.Publish(new AuditRecorded("commerce_supplier_changed", data.Now, actor, AuditRecorded.DataOf(new { key })), AuditRecorded.Stream);
            await db.SaveChangesAsync(ct);
            return 0;
        }, ct);
        return await GetAsync(tenant, key, ct);
    }

    /// <summary>Adds what the supplier sells of a SKU, or changes it; marking it preferred unmarks the SKU's other suppliers.</summary>
    public async Task<SupplierDto> SetProductAsync(long tenant, string actor, string key, SupplierProductRequest request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(request.Sku) || request.Sku.Length > 64) errors.Add("sku", "'sku' is required.");
        if (request.UnitPrice is not (> 0 and <= 1_000_000_000)) errors.Add("unitPrice", "'unitPrice' must be more than 0, at most 1,000,000,000.");
        if (request.SupplierSku is { Length: > 64 }) errors.Add("supplierSku", "'supplierSku' is at most 64 characters.");
        if (request.MinimumOrder is < 0 or > 1_000_000_000) errors.Add("minimumOrder", "'minimumOrder' must be between 0 and 1,000,000,000.");
        if (request.PackSize is < 0 or > 1_000_000) errors.Add("packSize", "'packSize' must be between 0 (any quantity) and 1,000,000.");
        if (request.LeadTimeDays is < 0 or > 365) errors.Add("leadTimeDays", "'leadTimeDays' must be between 0 and 365.");
        var breaks = request.PriceBreaks ?? [];
        if (breaks.Count > MaxPriceBreaks) errors.Add("priceBreaks", $"At most {MaxPriceBreaks} price breaks.");
        for (var i = 0; i < breaks.Count; i++)
        {
            if (breaks[i] is not { FromQuantity: > 0 and <= 1_000_000_000, UnitPrice: > 0 and <= 1_000_000_000 })
                errors.Add($"priceBreaks[{i}]", "A price break has a 'fromQuantity' and a 'unitPrice', both more than 0.");
        }
        if (breaks.Where(b => b?.FromQuantity is not null).GroupBy(b => b.FromQuantity).Any(g => g.Count() > 1))
            errors.Add("priceBreaks", "Two price breaks start at the same quantity: give one price per quantity.");
        errors.ThrowIfAny();
        await data.ChangeAsync(tenant, async db =>
        {
            var supplier = await FindAsync(db, key, ct);
            var variant = await db.Variants.AsNoTracking().FirstOrDefaultAsync(v => v.Sku == request.Sku, ct)
                ?? throw WeftException.Rule("sku_not_found", $"There is no SKU '{request.Sku}'.");
            var row = await db.SupplierProducts.FirstOrDefaultAsync(p => p.SupplierId == supplier.Id && p.VariantId == variant.Id, ct);
            if (row is null)
            {
                row = new SupplierProductRecord { SupplierId = supplier.Id, VariantId = variant.Id, Sku = variant.Sku };
                db.SupplierProducts.Add(row);
                // The first supplier of a SKU is its preferred one until someone says otherwise.
                row.Preferred = request.Preferred ?? !await db.SupplierProducts.AnyAsync(p => p.VariantId == variant.Id, ct);
            }
            else if (request.Preferred is { } preferred) row.Preferred = preferred;
            row.UnitPrice = request.UnitPrice!.Value;
            row.SupplierSku = request.SupplierSku?.Trim() ?? row.SupplierSku;
            row.PriceBreaksJson = JsonSerializer.Serialize(breaks.OrderBy(b => b.FromQuantity).ToList(), Json);
            row.MinimumOrder = request.MinimumOrder ?? 0;
            row.PackSize = request.PackSize ?? 0;
            row.LeadTimeDays = request.LeadTimeDays;
            if (row.Preferred)
            {
                foreach (var other in await db.SupplierProducts.Where(p => p.VariantId == variant.Id && p.SupplierId != supplier.Id && p.Preferred).ToListAsync(ct))
                    other.Preferred = false;
            }
            db.Publish(new AuditRecorded("commerce_supplier_product_set", data.Now, actor, AuditRecorded.DataOf(new { supplier = key, sku = variant.Sku })),
                AuditRecorded.Stream);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            return 0;
        }, ct);
        return await GetAsync(tenant, key, ct);
    }

    public async Task<SupplierDto> GetAsync(long tenant, string key, CancellationToken ct = default)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        var supplier = await db.Suppliers.AsNoTracking().FirstOrDefaultAsync(s => s.Key == key, ct)
            ?? throw WeftException.NotFound("supplier_not_found", $"There is no supplier '{key}'.");
        var products = await db.SupplierProducts.AsNoTracking().Where(p => p.SupplierId == supplier.Id).OrderBy(p => p.Sku).ToListAsync(ct);
        var (leadTime, scorecard) = await PerformanceAsync(db, supplier, ct);
        return ToDto(supplier, leadTime, scorecard, products);
    }

    public async Task<Page<SupplierDto>> ListAsync(long tenant, string? search, int? limit, string? cursor, CancellationToken ct = default)
    {
        var (take, after) = PageCursor.Parse(limit, cursor);
        if (search is { Length: > 200 }) throw FieldErrors.Of("search", "At most 200 characters.");
        await using var db = await data.OpenAsync(tenant, ct);
        var query = db.Suppliers.AsNoTracking().Where(s => s.Id > after);
        if (!string.IsNullOrWhiteSpace(search)) query = query.Where(s => s.Key.Contains(search.Trim()) || s.Name.Contains(search.Trim()));
        var rows = await query.OrderBy(s => s.Id).Take(take + 1).ToListAsync(ct);
        var dtos = new Dictionary<long, SupplierDto>();
        foreach (var s in rows.Take(take))
        {
            var (leadTime, scorecard) = await PerformanceAsync(db, s, ct);
            dtos[s.Id] = ToDto(s, leadTime, scorecard, []);
        }
        return PageCursor.Of(rows, take, r => r.Id, r => dtos[r.Id]);
    }

    /// <summary>The lead time replenishment plans with: the measured one once two orders were received, the promised one before.</summary>
    internal static LeadTime PlanningLeadTime(LeadTimeDto measured, int promisedDays) =>
        measured.MeasuredMeanDays is { } mean ? new LeadTime(mean, measured.MeasuredDeviationDays ?? 0) : new LeadTime(promisedDays);

    /// <summary>Lead times measured from sent to first receipt, and the scorecard, from the supplier's orders.</summary>
    internal static async Task<(LeadTimeDto LeadTime, ScorecardDto Scorecard)> PerformanceAsync(CommerceDbContext db, SupplierRecord supplier, CancellationToken ct)
    {
        var orders = await db.PurchaseOrders.AsNoTracking().Where(o => o.SupplierId == supplier.Id && o.SentAt != null)
            .Select(o => new { o.Id, o.State, o.SentAt, o.ExpectedAt, o.FirstReceiptAt }).ToListAsync(ct);
        var days = orders.Where(o => o.FirstReceiptAt is not null).Select(o => (o.FirstReceiptAt!.Value - o.SentAt!.Value).TotalDays).ToList();
        double? mean = days.Count >= 2 ? days.Average() : null;
        double? deviation = days.Count >= 2 ? Math.Sqrt(days.Sum(d => (d - mean!.Value) * (d - mean.Value)) / (days.Count - 1)) : null;
        var leadTime = new LeadTimeDto(supplier.LeadTimeDays, days.Count, mean is { } m ? Math.Round(m, 2) : null, deviation is { } sd ? Math.Round(sd, 2) : null);

        var received = orders.Where(o => o.FirstReceiptAt is not null && o.ExpectedAt is not null).ToList();
        double? onTime = received.Count > 0 ? (double)received.Count(o => o.FirstReceiptAt!.Value.Date <= o.ExpectedAt!.Value.Date) / received.Count : null;
        var finished = orders.Where(o => o.State is Purchasing.PurchaseOrderStates.Received or Purchasing.PurchaseOrderStates.Closed).Select(o => o.Id).ToList();
        var lines = await db.PurchaseOrderLines.AsNoTracking().Where(l => finished.Contains(l.OrderId)).Select(l => new { l.Quantity, l.Received }).ToListAsync(ct);
        var ordered = lines.Sum(l => l.Quantity);
        double? fill = ordered > 0 ? (double)(lines.Sum(l => Math.Min(l.Quantity, l.Received)) / ordered) : null;
        var (checks, passed) = await QcAsync(db, supplier.Id, ct);
        var scorecard = new ScorecardDto(orders.Count(o => o.State != Purchasing.PurchaseOrderStates.Cancelled), Round(onTime), Round(fill), checks,
            checks > 0 ? Round((double)passed / checks) : null);
        return (leadTime, scorecard);
    }

    /// <summary>How many quality checks the supplier's goods had and how many passed.</summary>
    private static async Task<(int Checks, int Passed)> QcAsync(CommerceDbContext db, long supplier, CancellationToken ct)
    {
        var results = await db.QcChecks.AsNoTracking().Where(c => c.SupplierId == supplier).Select(c => c.Passed).ToListAsync(ct);
        return (results.Count, results.Count(p => p));
    }

    private static double? Round(double? rate) => rate is { } r ? Math.Round(r, 4) : null;

    internal static async Task<SupplierRecord> FindAsync(CommerceDbContext db, string key, CancellationToken ct) =>
        await db.Suppliers.FirstOrDefaultAsync(s => s.Key == key, ct) ?? throw WeftException.NotFound("supplier_not_found", $"There is no supplier '{key}'.");

    internal static IReadOnlyList<PriceBreakDto> BreaksOf(string json) => JsonSerializer.Deserialize<List<PriceBreakDto>>(json, Json) ?? [];

    internal static SupplierTerms TermsOf(SupplierProductRecord p) =>
        new(p.MinimumOrder, p.PackSize, [.. BreaksOf(p.PriceBreaksJson).Select(b => new PriceBreak(b.FromQuantity!.Value, b.UnitPrice!.Value))]);

    private static void CheckFields(FieldErrors errors, string? name, string? email, string? contact, string? phone, string? address, string? currency, int? leadTime)
    {
        if (name is { Length: > 200 }) errors.Add("name", "'name' is at most 200 characters.");
        if (email is not null && (email.Length > 254 || !System.Net.Mail.MailAddress.TryCreate(email.Trim(), out var parsed) || parsed.Address != email.Trim()))
            errors.Add("email", $"'{email}' is not an email address.");
        if (contact is { Length: > 200 }) errors.Add("contactName", "'contactName' is at most 200 characters.");
        if (phone is { Length: > 40 }) errors.Add("phone", "'phone' is at most 40 characters.");
        if (address is { Length: > 1000 }) errors.Add("address", "'address' is at most 1,000 characters.");
        if (currency is not null && (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))) errors.Add("currency", "'currency' is an ISO 4217 code: three capital letters.");
        if (leadTime is < 0 or > 365) errors.Add("leadTimeDays", "'leadTimeDays' must be between 0 and 365.");
    }

    private static SupplierDto ToDto(SupplierRecord s, LeadTimeDto leadTime, ScorecardDto scorecard, IReadOnlyList<SupplierProductRecord> products) =>
        new(s.Id, s.Key, s.Name, s.ContactName, s.Email, s.Phone, s.Address, s.Currency, s.LeadTimeDays, leadTime, scorecard,
            [.. products.Select(p => new SupplierProductDto(p.Sku, p.SupplierSku, p.UnitPrice, BreaksOf(p.PriceBreaksJson), p.MinimumOrder, p.PackSize,
                p.LeadTimeDays ?? s.LeadTimeDays, p.Preferred, p.Version))],
            s.CreatedAt, s.Version);
}
