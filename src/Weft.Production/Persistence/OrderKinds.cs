namespace Weft.Production.Persistence;

/// <summary>What a production order is: OEM manufacturing (batches of a product) or atelier craft (pieces by one hand).</summary>
internal static class OrderKinds
{
    public const string Oem = "oem";
    public const string Craft = "craft";

    public static string NumberPrefix(string kind) => kind == Oem ? "MO-" : "AJ-";
}
