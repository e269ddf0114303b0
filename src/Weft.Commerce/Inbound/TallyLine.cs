namespace Weft.Commerce.Inbound;

/// <summary>One SKU and lot on the receiving screen: what the notice announced and what the clerk has counted so far.</summary>
public sealed class TallyLine(string sku, string productName, string lot, decimal expected)
{
    public string Sku { get; } = sku;
    public string ProductName { get; } = productName;
    public string Lot { get; } = lot;
    public decimal Expected { get; } = expected;
    public decimal Good { get; set; }
    public decimal Damaged { get; set; }

    /// <summary>Counted minus announced: below 0 short, above 0 over.</summary>
    public decimal Difference => Good + Damaged - Expected;

    public string Name => Lot.Length == 0 ? Sku : $"{Sku} lot {Lot}";
}
