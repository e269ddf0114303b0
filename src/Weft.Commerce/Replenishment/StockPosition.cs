namespace Weft.Commerce.Replenishment;

/// <summary>
/// What a SKU has at a warehouse and what is on its way in and out. Its <see cref="Forecast"/> (Odoo's "forecasted
/// quantity", the textbooks' "inventory position") is what the stock will be once both have arrived.
/// </summary>
internal sealed record StockPosition
{
    public StockPosition(decimal onHand, decimal incoming = 0, decimal outgoing = 0)
    {
        Require.NonNegative(incoming, nameof(incoming), "Incoming stock (ordered, not yet received)");
        Require.NonNegative(outgoing, nameof(outgoing), "Outgoing stock (reserved or promised, not yet shipped)");
        OnHand = onHand;
        Incoming = incoming;
        Outgoing = outgoing;
    }

    /// <summary>Can be below 0 when the ledger let more out than came in (a count that was wrong).</summary>
    public decimal OnHand { get; }

    public decimal Incoming { get; }

    public decimal Outgoing { get; }

    public decimal Forecast => OnHand + Incoming - Outgoing;
}
