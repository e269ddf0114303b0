namespace Weft.Commerce.Catalog;

/// <summary>One row of a catalog file: a product with the one variant (SKU) the row describes.</summary>
/// <param name="Row">As a spreadsheet numbers it (the header is row 1).</param>
internal sealed record ProductCsvRow(int Row, CreateProductRequest Product)
{
    public VariantRequest Variant => Product.Variants![0];
}
