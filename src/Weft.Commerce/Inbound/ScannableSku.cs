namespace Weft.Commerce.Inbound;

/// <summary>What a scanner screen needs of a SKU on a notice: the codes that name it, and how it is counted.</summary>
/// <param name="Tracking"><c>none</c>, <c>lot</c> or <c>serial</c>: a tracked SKU is counted per lot.</param>
/// <param name="Whole">Whether its unit comes in whole numbers only.</param>
public sealed record ScannableSku(string Sku, string? Barcode, string Tracking, bool Whole)
{
    public bool ByLot => Tracking != "none";
}
