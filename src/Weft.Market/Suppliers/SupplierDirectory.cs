using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Weft.Market.Organizations;
using Weft.Market.Persistence;
using Weft.Market.Visibility;
using Weft.Platform.Errors;

namespace Weft.Market.Suppliers;

/// <summary>
/// The supplier directory: search with filters and facets, ranked by relevance or rating, and a supplier's profile.
/// A marketplace has hundreds of suppliers, not millions: one search reads the tenant's suppliers with their products
/// and certificates and filters, counts and ranks them in memory, the same on both databases.
/// </summary>
internal sealed class SupplierDirectory(MarketDb data)
{
    public const int MaxPage = 100;
    public const string ByRelevance = "relevance";
    public const string ByRating = "rating";
    public const string ByName = "name";
    public static IReadOnlyList<string> Sorts { get; } = [ByRelevance, ByRating, ByName];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record Entry(OrganizationRecord Org, SupplierProfileRecord? Profile, List<SupplierProductRecord> Products, List<CertificationRecord> Certificates)
    {
        public string Region => Regions.Of(Org.Country);
        public int? Capacity => Profile?.AnnualCapacityTonnes ?? (Products.Any(p => p.AnnualCapacityTonnes is not null) ? Products.Sum(p => p.AnnualCapacityTonnes ?? 0) : null);
    }

    public async Task<SupplierSearchDto> SearchAsync(long tenant, MarketViewer viewer, SupplierQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = new FieldErrors();
        if (query.Q is { Length: > 200 }) errors.Add("q", "'q' is at most 200 characters.");
        if (query.Material is not null && !Materials.All.Contains(query.Material)) errors.Add("material", $"'material' is one of: {string.Join(", ", Materials.All)}.");
        if (query.Grade is { Length: 0 or > 40 }) errors.Add("grade", "'grade' is 1-40 characters.");
        if (query.Certification is not null && !CertificationKinds.All.Contains(query.Certification))
            errors.Add("certification", $"'certification' is one of: {string.Join(", ", CertificationKinds.All)}.");
        if (query.Region is not null && !Regions.All.Contains(query.Region)) errors.Add("region", $"'region' is one of: {string.Join(", ", Regions.All)}.");
        if (query.Country is not null && (query.Country.Length != 2 || !query.Country.All(char.IsAsciiLetter))) errors.Add("country", "'country' is a two-letter ISO 3166 code (e.g. CL).");
        if (query.Capacity is not null && CapacityBands.All.All(b => b.Key != query.Capacity))
            errors.Add("capacity", $"'capacity' is one of: {string.Join(", ", CapacityBands.All.Select(b => b.Key))}.");
        if (query.MinCapacity is < 0) errors.Add("minCapacity", "'minCapacity' is tonnes a year, zero or more.");
        if (query.Sort is not null && !Sorts.Contains(query.Sort)) errors.Add("sort", $"'sort' is one of: {string.Join(", ", Sorts)}.");
        if (query.Limit is < 1 or > MaxPage) errors.Add("limit", $"'limit' is 1 to {MaxPage}.");
        var offset = 0;
        if (query.Cursor is not null && (!int.TryParse(query.Cursor, NumberStyles.None, CultureInfo.InvariantCulture, out offset) || offset < 1))
            errors.Add("cursor", "'cursor' is not one this list gave.");
        errors.ThrowIfAny();

        var now = data.Now;
        var entries = await LoadAsync(tenant, viewer, null, ct);
        var words = Words(query.Q);
        var country = query.Country?.ToUpperInvariant();
        var grade = query.Grade?.Trim();
        bool Has(Entry e, string facet) => facet switch
        {
            "material" => query.Material is null || e.Products.Any(p => p.Material == query.Material),
            "grade" => grade is null || e.Products.Any(p => string.Equals(p.Grade, grade, StringComparison.OrdinalIgnoreCase) && (query.Material is null || p.Material == query.Material)),
            "certification" => query.Certification is null || e.Certificates.Any(c => c.Kind == query.Certification && c.ExpiresOn > now),
            "region" => query.Region is null || e.Region == query.Region,
            "country" => country is null || e.Org.Country == country,
            "capacity" => (query.Capacity is null || CapacityBands.Of(e.Capacity)?.Key == query.Capacity) && (query.MinCapacity is null || e.Capacity >= query.MinCapacity),
            _ => true,
        };
        string[] facets = ["material", "grade", "certification", "region", "country", "capacity"];
        var scored = entries.Select(e => (Entry: e, Score: Score(e, words)))
            .Where(x => (words.Count == 0 || x.Score > 0) && (query.Verified is null || x.Entry.Org.Verified == query.Verified)).ToList();
        List<(Entry Entry, double Score)> Except(string facet) => [.. scored.Where(x => facets.Where(f => f != facet).All(f => Has(x.Entry, f)))];
        var matching = scored.Where(x => facets.All(f => Has(x.Entry, f))).ToList();

        var sort = query.Sort ?? ByRelevance;
        IOrderedEnumerable<(Entry Entry, double Score)> ordered = sort switch
        {
            ByRating => matching.OrderByDescending(x => x.Entry.Org.RatingAverage is not null).ThenByDescending(x => x.Entry.Org.RatingAverage)
                .ThenByDescending(x => x.Entry.Org.RatingCount).ThenBy(x => x.Entry.Org.Name, StringComparer.OrdinalIgnoreCase),
            ByName => matching.OrderBy(x => x.Entry.Org.Name, StringComparer.OrdinalIgnoreCase),
            _ => matching.OrderByDescending(x => x.Score).ThenByDescending(x => x.Entry.Org.Verified).ThenByDescending(x => x.Entry.Org.RatingAverage ?? 0)
                .ThenBy(x => x.Entry.Org.Name, StringComparer.OrdinalIgnoreCase),
        };
        var take = query.Limit ?? 20;
        var page = ordered.ThenBy(x => x.Entry.Org.Id).Skip(offset).Take(take + 1).ToList();
        var next = page.Count > take ? (offset + take).ToString(CultureInfo.InvariantCulture) : null;

        var facetsDto = new SupplierFacetsDto(
            Count(Except("material"), e => e.Products.Select(p => p.Material), Materials.NameOf, Materials.All),
            Count(Except("grade"), e => e.Products.Where(p => query.Material is null || p.Material == query.Material).Select(p => p.Grade), g => g, null),
            Count(Except("certification"), e => e.Certificates.Where(c => c.ExpiresOn > now).Select(c => c.Kind), CertificationKinds.NameOf, CertificationKinds.All),
            Count(Except("region"), e => [e.Region], Regions.NameOf, Regions.All),
            Count(Except("country"), e => [e.Org.Country], c => c, null),
            Count(Except("capacity"), e => CapacityBands.Of(e.Capacity) is { } band ? [band.Key] : [], k => CapacityBands.All.First(b => b.Key == k).Name,
                [.. CapacityBands.All.Select(b => b.Key)]));
        return new SupplierSearchDto([.. page.Take(take).Select(x => Card(x.Entry, x.Score, now))], matching.Count, facetsDto, next);
    }

    public async Task<SupplierProfileDto> GetAsync(long tenant, MarketViewer viewer, long id, CancellationToken ct)
    {
        var entry = (await LoadAsync(tenant, viewer, id, ct)).SingleOrDefault() ?? throw NotFound(id);
        await using var db = await data.OpenAsync(tenant, viewer, ct);
        var documents = await db.SupplierDocuments.AsNoTracking().Where(d => d.OrganizationId == id).OrderBy(d => d.Id).ToListAsync(ct);
        return ToProfile(entry.Org, entry.Profile, entry.Products, entry.Certificates, documents, data.Now);
    }

    public static SupplierProfileDto ToProfile(OrganizationRecord o, SupplierProfileRecord? p, IEnumerable<SupplierProductRecord> products,
        IEnumerable<CertificationRecord> certificates, IEnumerable<SupplierDocumentRecord> documents, DateTime now) =>
        new(o.Id, o.Key, o.Name, o.Country, Regions.Of(o.Country), o.Description, o.Website, o.Verified, p?.BadgeNote, p?.Headline, Split(p?.Ports),
            Split(p?.Incoterms), p?.AnnualCapacityTonnes, p?.LeadTimeDays, p?.MinOrderTonnes, o.RatingAverage, o.RatingCount,
            [.. products.OrderBy(x => x.Material).ThenBy(x => x.Grade).Select(ToDto)],
            [.. certificates.OrderBy(c => c.ExpiresOn).Select(c => ToDto(c, now))],
            [.. documents.Select(ToDto)], p?.UpdatedAt ?? o.UpdatedAt, p?.Version ?? 0);

    public static ProductDto ToDto(SupplierProductRecord p) =>
        new(p.Id, p.Material, Materials.NameOf(p.Material), p.Grade, p.Purity, Materials.AssayOf(p.Material), p.ParticleSizeD50Microns, p.MoisturePercent,
            JsonSerializer.Deserialize<Dictionary<string, decimal>>(p.ImpuritiesJson, Json) ?? [], p.AnnualCapacityTonnes);

    public static CertificationDto ToDto(CertificationRecord c, DateTime now) =>
        new(c.Id, c.Kind, CertificationKinds.NameOf(c.Kind), c.Number, c.Issuer, c.IssuedOn, c.ExpiresOn, CertificationKinds.StatusOf(c.ExpiresOn, now), c.DocumentId);

    public static DocumentDto ToDto(SupplierDocumentRecord d) => new(d.Id, d.Kind, d.Name, d.ContentType, d.Size, d.Public, d.UploadedBy, d.UploadedAt);

    public static IReadOnlyList<string> Split(string? list) => string.IsNullOrEmpty(list) ? [] : list.Split(',');

    public static WeftException NotFound(long id) => WeftException.NotFound("supplier_not_found", $"There is no supplier {id}.");

    private async Task<List<Entry>> LoadAsync(long tenant, MarketViewer viewer, long? id, CancellationToken ct)
    {
        await using var db = await data.OpenAsync(tenant, viewer, ct);
        var orgs = await db.Organizations.AsNoTracking().Where(o => o.Kind == MarketRoles.Supplier && (id == null || o.Id == id)).ToListAsync(ct);
        var profiles = await db.SupplierProfiles.AsNoTracking().Where(p => id == null || p.OrganizationId == id).ToDictionaryAsync(p => p.OrganizationId, ct);
        var products = (await db.SupplierProducts.AsNoTracking().Where(p => id == null || p.OrganizationId == id).ToListAsync(ct)).ToLookup(p => p.OrganizationId);
        var certificates = (await db.Certifications.AsNoTracking().Where(c => id == null || c.OrganizationId == id).ToListAsync(ct)).ToLookup(c => c.OrganizationId);
        return [.. orgs.Select(o => new Entry(o, profiles.GetValueOrDefault(o.Id), [.. products[o.Id]], [.. certificates[o.Id]]))];
    }

    private static List<string> Words(string? q) =>
        string.IsNullOrWhiteSpace(q) ? [] : [.. q.ToLowerInvariant().Split([' ', ',', ';', '/'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct()];

    /// <summary>
    /// How well a supplier answers the words: a word in its name weighs most, then in a product's material or grade, a
    /// certificate, a port, then its headline and description. Every word must match somewhere, as in a shop's search.
    /// </summary>
    private static double Score(Entry e, List<string> words)
    {
        if (words.Count == 0) return 0;
        double total = 0;
        foreach (var word in words)
        {
            double best = 0;
            void Hit(string? text, double weight)
            {
                if (text is not null && text.Contains(word, StringComparison.OrdinalIgnoreCase)) best = Math.Max(best, weight);
            }
            Hit(e.Org.Name, 10);
            Hit(e.Org.Key, 8);
            foreach (var p in e.Products)
            {
                Hit(p.Material, 6);
                Hit(Materials.NameOf(p.Material), 6);
                Hit(p.Grade, 6);
            }
            foreach (var c in e.Certificates) Hit(CertificationKinds.NameOf(c.Kind), 4);
            Hit(e.Profile?.Ports, 4);
            Hit(e.Profile?.Headline, 3);
            Hit(e.Org.Description, 2);
            Hit(Regions.NameOf(e.Region), 2);
            if (best == 0) return 0;
            total += best;
        }
        return total + (e.Org.Verified ? 0.5 : 0);
    }

    private static IReadOnlyList<FacetValueDto> Count(List<(Entry Entry, double Score)> rows, Func<Entry, IEnumerable<string>> values, Func<string, string> name,
        IReadOnlyList<string>? order)
    {
        var counts = rows.SelectMany(x => values(x.Entry).Distinct(StringComparer.Ordinal)).GroupBy(v => v, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var keys = order is null ? counts.Keys.OrderByDescending(k => counts[k]).ThenBy(k => k, StringComparer.Ordinal) : order.Where(counts.ContainsKey).AsEnumerable();
        return [.. keys.Select(k => new FacetValueDto(k, name(k), counts[k]))];
    }

    private static SupplierCardDto Card(Entry e, double score, DateTime now) =>
        new(e.Org.Id, e.Org.Key, e.Org.Name, e.Org.Country, e.Region, e.Profile?.Headline ?? e.Org.Description, e.Org.Verified,
            [.. e.Products.Select(p => p.Material).Distinct().Order(StringComparer.Ordinal)], [.. e.Products.Select(p => p.Grade).Distinct().Order(StringComparer.Ordinal)],
            [.. e.Certificates.Where(c => c.ExpiresOn > now).Select(c => c.Kind).Distinct().Order(StringComparer.Ordinal)], Split(e.Profile?.Ports),
            e.Capacity, e.Profile?.LeadTimeDays, e.Org.RatingAverage, e.Org.RatingCount, Math.Round(score, 2));
}
