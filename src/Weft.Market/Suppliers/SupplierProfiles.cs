using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Weft.Flow;
using Weft.Market.Onboarding;
using Weft.Market.Organizations;
using Weft.Market.Persistence;
using Weft.Market.Visibility;
using Weft.Platform.Errors;

namespace Weft.Market.Suppliers;

/// <summary>
/// A supplier keeping its directory profile: its trade terms, its products and grades, its certificates. Its admins and
/// the operator's staff may; nobody else. A verified supplier's certificate change restarts the watch on its earliest expiry.
/// </summary>
internal sealed partial class SupplierProfiles(MarketDb data, SupplierDirectory directory, CertificateWatch watch, FlowEngines engines)
{
    public const int MaxPorts = 12;
    public const int MaxProducts = 30;
    public const int MaxCertifications = 30;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<SupplierProfileDto> UpdateAsync(long tenant, MarketViewer viewer, long id, SupplierProfileRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        if (request.Headline is { Length: > 300 }) errors.Add("headline", "'headline' is at most 300 characters.");
        var ports = request.Ports?.Select(p => p?.Trim() ?? "").ToList() ?? [];
        if (ports.Count > MaxPorts || ports.Any(p => p.Length is 0 or > 60 || p.Contains(',', StringComparison.Ordinal)))
            errors.Add("ports", $"'ports' lists at most {MaxPorts} port names of 1-60 characters, without commas.");
        var incoterms = request.Incoterms?.Select(i => i?.Trim().ToUpperInvariant() ?? "").Distinct().ToList() ?? [];
        if (incoterms.Any(i => !Incoterms.All.Contains(i))) errors.Add("incoterms", $"'incoterms' lists some of: {string.Join(", ", Incoterms.All)}.");
        if (request.AnnualCapacityTonnes is < 0 or > 10_000_000) errors.Add("annualCapacityTonnes", "'annualCapacityTonnes' is 0 to 10,000,000 tonnes a year.");
        if (request.LeadTimeDays is < 0 or > 365) errors.Add("leadTimeDays", "'leadTimeDays' is 0 to 365 days.");
        if (request.MinOrderTonnes is < 0 or > 1_000_000) errors.Add("minOrderTonnes", "'minOrderTonnes' is 0 to 1,000,000 tonnes.");
        errors.ThrowIfAny();
        await data.ChangeAsync(tenant, viewer, async db =>
        {
            await SupplierAsync(db, viewer, id, ct);
            var profile = await watch.ProfileAsync(db, id, ct);
            if (request.Version is { } version && version != profile.Version)
                throw WeftException.Conflict("stale_version", $"Supplier {id}'s profile changed meanwhile (version {profile.Version}); reload it.");
            profile.Headline = string.IsNullOrWhiteSpace(request.Headline) ? null : request.Headline.Trim();
            profile.Ports = string.Join(",", ports.Distinct(StringComparer.OrdinalIgnoreCase));
            profile.Incoterms = string.Join(",", Incoterms.All.Where(incoterms.Contains));
            (profile.AnnualCapacityTonnes, profile.LeadTimeDays, profile.MinOrderTonnes) = (request.AnnualCapacityTonnes, request.LeadTimeDays, request.MinOrderTonnes);
            profile.UpdatedAt = data.Now;
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);
        return await directory.GetAsync(tenant, viewer, id, ct);
    }

    public async Task<ProductDto> AddProductAsync(long tenant, MarketViewer viewer, long id, ProductRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        if (request.Material is null || !Materials.All.Contains(request.Material)) errors.Add("material", $"'material' is one of: {string.Join(", ", Materials.All)}.");
        if (string.IsNullOrWhiteSpace(request.Grade) || request.Grade.Trim().Length > 40) errors.Add("grade", "'grade' is required, at most 40 characters (e.g. battery, technical, SC6).");
        if (request.Purity is not (> 0 and <= 100)) errors.Add("purity", "'purity' is the assay in percent, above 0 and at most 100.");
        if (request.ParticleSizeD50Microns is < 0 or > 100_000) errors.Add("particleSizeD50Microns", "'particleSizeD50Microns' is 0 to 100,000 µm.");
        if (request.MoisturePercent is < 0 or > 100) errors.Add("moisturePercent", "'moisturePercent' is 0 to 100.");
        if (request.AnnualCapacityTonnes is < 0 or > 10_000_000) errors.Add("annualCapacityTonnes", "'annualCapacityTonnes' is 0 to 10,000,000 tonnes a year.");
        var impurities = request.Impurities ?? new Dictionary<string, decimal?>();
        if (impurities.Count > 20 || impurities.Any(i => !Element().IsMatch(i.Key) || i.Value is not (>= 0 and <= 1_000_000)))
            errors.Add("impurities", "'impurities' maps at most 20 element symbols (e.g. Na, Fe, SO4) to limits in ppm, 0 to 1,000,000.");
        errors.ThrowIfAny();
        return await data.ChangeAsync(tenant, viewer, async db =>
        {
            await SupplierAsync(db, viewer, id, ct);
            if (await db.SupplierProducts.CountAsync(p => p.OrganizationId == id, ct) >= MaxProducts)
                throw WeftException.Rule("too_many_products", $"A supplier lists at most {MaxProducts} products.");
            var grade = request.Grade!.Trim();
            if (await db.SupplierProducts.AnyAsync(p => p.OrganizationId == id && p.Material == request.Material && p.Grade == grade, ct))
                throw WeftException.Conflict("product_exists", $"The supplier lists {grade} {Materials.NameOf(request.Material!)} already.");
            var product = new SupplierProductRecord
            {
                OrganizationId = id, Material = request.Material!, Grade = grade, Purity = request.Purity!.Value, ParticleSizeD50Microns = request.ParticleSizeD50Microns,
                MoisturePercent = request.MoisturePercent, AnnualCapacityTonnes = request.AnnualCapacityTonnes, CreatedAt = data.Now,
                ImpuritiesJson = JsonSerializer.Serialize(impurities.ToDictionary(i => i.Key, i => i.Value!.Value), Json),
            };
            db.SupplierProducts.Add(product);
            await TouchAsync(db, id, ct);
            await db.SaveChangesAsync(ct);
            return SupplierDirectory.ToDto(product);
        }, ct);
    }

    public async Task RemoveProductAsync(long tenant, MarketViewer viewer, long id, long product, CancellationToken ct) =>
        await data.ChangeAsync(tenant, viewer, async db =>
        {
            await SupplierAsync(db, viewer, id, ct);
            var row = await db.SupplierProducts.FirstOrDefaultAsync(p => p.Id == product && p.OrganizationId == id, ct)
                ?? throw WeftException.NotFound("product_not_found", $"Supplier {id} has no product {product}.");
            db.SupplierProducts.Remove(row);
            await TouchAsync(db, id, ct);
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);

    public async Task<CertificationDto> AddCertificationAsync(long tenant, MarketViewer viewer, long id, CertificationRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = data.Now;
        var errors = new FieldErrors();
        if (request.Kind is null || !CertificationKinds.All.Contains(request.Kind)) errors.Add("kind", $"'kind' is one of: {string.Join(", ", CertificationKinds.All)}.");
        if (request.Number is { Length: > 100 }) errors.Add("number", "'number' is at most 100 characters.");
        if (request.Issuer is { Length: > 200 }) errors.Add("issuer", "'issuer' is at most 200 characters.");
        if (request.IssuedOn is null) errors.Add("issuedOn", "'issuedOn' is required: the date the certificate was issued.");
        else if (request.IssuedOn.Value.ToUniversalTime() > now) errors.Add("issuedOn", "'issuedOn' is not in the future.");
        if (request.ExpiresOn is null) errors.Add("expiresOn", "'expiresOn' is required: the date the certificate expires.");
        else if (request.ExpiresOn.Value.ToUniversalTime() <= now) errors.Add("expiresOn", "'expiresOn' is in the future: an expired certificate proves nothing.");
        else if (request.IssuedOn is { } issued && request.ExpiresOn.Value.ToUniversalTime() <= issued.ToUniversalTime()) errors.Add("expiresOn", "'expiresOn' is after 'issuedOn'.");
        else if (request.ExpiresOn.Value.ToUniversalTime() > now.AddYears(10)) errors.Add("expiresOn", "'expiresOn' is within ten years.");
        if (request.Document is <= 0) errors.Add("document", "'document' is the id of one of the supplier's documents.");
        errors.ThrowIfAny();
        await CheckAsync(tenant, viewer, id, ct);
        await VerificationFlow.EnsureAsync(engines.For(tenant), ct);
        return await data.ChangeAsync(tenant, viewer, async (db, unit) =>
        {
            await SupplierAsync(db, viewer, id, ct);
            if (await db.Certifications.CountAsync(c => c.OrganizationId == id, ct) >= MaxCertifications)
                throw WeftException.Rule("too_many_certifications", $"A supplier lists at most {MaxCertifications} certificates.");
            if (request.Document is { } document && !await db.SupplierDocuments.AnyAsync(d => d.Id == document && d.OrganizationId == id, ct))
                throw WeftException.Rule("document_not_found", $"Supplier {id} has no document {document}.");
            var row = new CertificationRecord
            {
                OrganizationId = id, Kind = request.Kind!, Number = Trimmed(request.Number), Issuer = Trimmed(request.Issuer),
                IssuedOn = request.IssuedOn!.Value.ToUniversalTime(), ExpiresOn = request.ExpiresOn!.Value.ToUniversalTime(), DocumentId = request.Document, CreatedAt = now,
            };
            db.Certifications.Add(row);
            await TouchAsync(db, id, ct);
            await db.SaveChangesAsync(ct);
            await watch.WatchAsync(db, unit, tenant, id, ct);
            await db.SaveChangesAsync(ct);
            return SupplierDirectory.ToDto(row, now);
        }, ct);
    }

    public async Task RemoveCertificationAsync(long tenant, MarketViewer viewer, long id, long certification, CancellationToken ct)
    {
        await CheckAsync(tenant, viewer, id, ct);
        await VerificationFlow.EnsureAsync(engines.For(tenant), ct);
        await data.ChangeAsync(tenant, viewer, async (db, unit) =>
        {
            await SupplierAsync(db, viewer, id, ct);
            var row = await db.Certifications.FirstOrDefaultAsync(c => c.Id == certification && c.OrganizationId == id, ct)
                ?? throw WeftException.NotFound("certification_not_found", $"Supplier {id} has no certificate {certification}.");
            db.Certifications.Remove(row);
            await TouchAsync(db, id, ct);
            await db.SaveChangesAsync(ct);
            await watch.WatchAsync(db, unit, tenant, id, ct);
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);
    }

    /// <summary>The supplier <paramref name="id"/>, which the viewer must be an admin of (or staff): 404 for no supplier, 403 for someone else's.</summary>
    public static async Task<OrganizationRecord> SupplierAsync(MarketDbContext db, MarketViewer viewer, long id, CancellationToken ct)
    {
        var org = await db.Organizations.FirstOrDefaultAsync(o => o.Id == id && o.Kind == MarketRoles.Supplier, ct) ?? throw SupplierDirectory.NotFound(id);
        Organizations.Organizations.RequireAdminOf(viewer, id);
        return org;
    }

    /// <summary>Refuses a change to a supplier that is not there or not the viewer's before the flow's graphs are set up.</summary>
    private async Task CheckAsync(long tenant, MarketViewer viewer, long id, CancellationToken ct)
    {
        await using var db = await data.OpenAsync(tenant, viewer, ct);
        await SupplierAsync(db, viewer, id, ct);
    }

    private async Task TouchAsync(MarketDbContext db, long id, CancellationToken ct) => (await watch.ProfileAsync(db, id, ct)).UpdatedAt = data.Now;

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    [GeneratedRegex("^[A-Z][A-Za-z0-9]{0,7}$")]
    private static partial Regex Element();
}
