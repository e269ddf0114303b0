namespace Weft.Market.Suppliers;

/// <summary>One supplier in the directory's results.</summary>
public sealed record SupplierCardDto(
    long Id, string Key, string Name, string Country, string Region, string? Headline, bool Verified, IReadOnlyList<string> Materials,
    IReadOnlyList<string> Grades, IReadOnlyList<string> Certifications, IReadOnlyList<string> Ports, int? AnnualCapacityTonnes, int? LeadTimeDays,
    double? RatingAverage, int RatingCount, double Relevance);

public sealed record FacetValueDto(string Value, string Name, int Count);

/// <summary>How many of the matching suppliers have each value of a facet, counted with every other filter applied (not its own).</summary>
public sealed record SupplierFacetsDto(
    IReadOnlyList<FacetValueDto> Material, IReadOnlyList<FacetValueDto> Grade, IReadOnlyList<FacetValueDto> Certification,
    IReadOnlyList<FacetValueDto> Region, IReadOnlyList<FacetValueDto> Country, IReadOnlyList<FacetValueDto> Capacity);

public sealed record SupplierSearchDto(IReadOnlyList<SupplierCardDto> Items, int Total, SupplierFacetsDto Facets, string? NextCursor);

/// <summary>The directory's filters (<c>GET /api/v1/market/suppliers</c>); every one optional.</summary>
public sealed record SupplierQuery(
    string? Q = null, string? Material = null, string? Grade = null, string? Certification = null, string? Region = null, string? Country = null,
    string? Capacity = null, int? MinCapacity = null, bool? Verified = null, string? Sort = null, int? Limit = null, string? Cursor = null);

public sealed record ProductDto(
    long Id, string Material, string MaterialName, string Grade, decimal Purity, string Assay, decimal? ParticleSizeD50Microns, decimal? MoisturePercent,
    IReadOnlyDictionary<string, decimal> Impurities, int? AnnualCapacityTonnes);

public sealed record CertificationDto(
    long Id, string Kind, string Name, string? Number, string? Issuer, DateTime IssuedOn, DateTime ExpiresOn, string Status, long? Document);

public sealed record DocumentDto(long Id, string Kind, string Name, string ContentType, long Size, bool Public, string UploadedBy, DateTime UploadedAt);

/// <summary>A supplier's whole profile (<c>GET /api/v1/market/suppliers/{id}</c>).</summary>
public sealed record SupplierProfileDto(
    long Id, string Key, string Name, string Country, string Region, string? Description, string? Website, bool Verified, string? BadgeNote,
    string? Headline, IReadOnlyList<string> Ports, IReadOnlyList<string> Incoterms, int? AnnualCapacityTonnes, int? LeadTimeDays, int? MinOrderTonnes,
    double? RatingAverage, int RatingCount, IReadOnlyList<ProductDto> Products, IReadOnlyList<CertificationDto> Certifications,
    IReadOnlyList<DocumentDto> Documents, DateTime UpdatedAt, int Version);

public sealed record SupplierProfileRequest(
    string? Headline, IReadOnlyList<string?>? Ports, IReadOnlyList<string?>? Incoterms, int? AnnualCapacityTonnes, int? LeadTimeDays, int? MinOrderTonnes,
    int? Version);

public sealed record ProductRequest(
    string? Material, string? Grade, decimal? Purity, decimal? ParticleSizeD50Microns, decimal? MoisturePercent,
    IReadOnlyDictionary<string, decimal?>? Impurities, int? AnnualCapacityTonnes);

public sealed record CertificationRequest(string? Kind, string? Number, string? Issuer, DateTime? IssuedOn, DateTime? ExpiresOn, long? Document);

/// <summary>A document's bytes to download.</summary>
public sealed record DocumentFile(string Name, string ContentType, string Sha256, byte[] Content);
