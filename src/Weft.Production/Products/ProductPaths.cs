namespace Weft.Production.Products;

/// <summary>Where a product's page lives.</summary>
internal static class ProductPaths
{
    public const string List = "/production/products";

    public static string Of(string key) => $"{List}/{Uri.EscapeDataString(key)}";
}
