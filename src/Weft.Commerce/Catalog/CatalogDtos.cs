using System.Text.Json.Nodes;

namespace Weft.Commerce.Catalog;

/// <param name="Tracking"><c>none</c>, <c>lot</c> or <c>serial</c> (default none).</param>
/// <param name="Variants">At least one; a product without variants has one, its SKU often the product's key.</param>
public sealed record CreateProductRequest(string? Key, string? Name, string? Unit, string? Category = null, string? Description = null,
    string? Tracking = null, int? ShelfLifeDays = null, IReadOnlyList<VariantRequest>? Variants = null);

/// <param name="Attributes">What sets it apart (<c>{"size":"M","colour":"red"}</c>): text values.</param>
/// <param name="Barcode">A GTIN (8, 12, 13 or 14 digits with its check digit), unique in the tenant.</param>
public sealed record VariantRequest(string? Sku, JsonObject? Attributes = null, string? Barcode = null, decimal? WeightGrams = null,
    decimal? LengthMm = null, decimal? WidthMm = null, decimal? HeightMm = null, decimal? Cost = null, decimal? Price = null, string? Currency = null);

public sealed record ProductDto(long Id, string Key, string Name, string Description, string Category, string Unit, string Tracking, int? ShelfLifeDays,
    IReadOnlyList<VariantDto> Variants, DateTime CreatedAt, DateTime UpdatedAt, int Version);

/// <param name="OnHand">In all internal locations.</param>
/// <param name="AverageCost">The moving average cost of what is on hand.</param>
public sealed record VariantDto(long Id, string Sku, IReadOnlyDictionary<string, string> Attributes, string? Barcode, decimal? WeightGrams,
    decimal? LengthMm, decimal? WidthMm, decimal? HeightMm, decimal Cost, decimal Price, string Currency, decimal OnHand, decimal AverageCost);
