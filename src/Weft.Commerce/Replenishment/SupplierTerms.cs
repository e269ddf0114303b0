namespace Weft.Commerce.Replenishment;

/// <summary>
/// What a supplier accepts: at least <see cref="MinimumOrder"/>, in whole packs of <see cref="PackSize"/> (0: any
/// quantity), at the price of the highest <see cref="PriceBreaks"/> the quantity reaches.
/// </summary>
internal sealed record SupplierTerms
{
    public SupplierTerms(decimal minimumOrder = 0, decimal packSize = 0, IReadOnlyList<PriceBreak>? priceBreaks = null)
    {
        Require.NonNegative(minimumOrder, nameof(minimumOrder), "The minimum order quantity");
        Require.NonNegative(packSize, nameof(packSize), "The pack size (0 for none)");
        foreach (var b in priceBreaks ?? [])
        {
            if (b is null) throw new ArgumentException("A price break has a quantity and a unit price.", nameof(priceBreaks));
            Require.NonNegative(b.FromQuantity, nameof(priceBreaks), "A price break's quantity");
            Require.Positive(b.UnitPrice, nameof(priceBreaks), "A price break's unit price");
        }
        var breaks = (priceBreaks ?? []).OrderBy(b => b.FromQuantity).ToList();
        for (var i = 1; i < breaks.Count; i++)
        {
            if (breaks[i].FromQuantity == breaks[i - 1].FromQuantity)
                throw new ArgumentException($"Two price breaks start at {breaks[i].FromQuantity}: give one price per quantity.", nameof(priceBreaks));
        }
        MinimumOrder = minimumOrder;
        PackSize = packSize;
        PriceBreaks = breaks;
    }

    public decimal MinimumOrder { get; }

    public decimal PackSize { get; }

    /// <summary>Ordered by quantity, lowest first.</summary>
    public IReadOnlyList<PriceBreak> PriceBreaks { get; }

    /// <summary>The break whose price applies to <paramref name="quantity"/>, or null when it is below the first one or there are none.</summary>
    public PriceBreak? BreakFor(decimal quantity) => PriceBreaks.LastOrDefault(b => b.FromQuantity <= quantity);
}
