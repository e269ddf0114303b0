namespace Weft.Commerce.Catalog;

/// <summary>What an import did: the products and SKUs it created, those it changed, and those the file left as they were.</summary>
/// <param name="Rows">The rows under the header: one SKU each.</param>
public sealed record ImportResult(int Rows, int ProductsCreated, int ProductsUpdated, int ProductsUnchanged, int SkusCreated, int SkusUpdated, int SkusUnchanged);
