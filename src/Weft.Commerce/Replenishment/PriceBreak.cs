namespace Weft.Commerce.Replenishment;

/// <summary>From <see cref="FromQuantity"/> units up, every unit of the order costs <see cref="UnitPrice"/> (an all-units discount).</summary>
internal sealed record PriceBreak(decimal FromQuantity, decimal UnitPrice);
