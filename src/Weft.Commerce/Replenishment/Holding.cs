namespace Weft.Commerce.Replenishment;

/// <summary>
/// What keeping one unit in stock for a year costs: either an amount per unit, or a rate of the unit's price (capital,
/// insurance, shrinkage), which makes it cheaper to hold units bought at a lower price.
/// </summary>
internal sealed record Holding
{
    private Holding(decimal perUnitPerYear, decimal rateOfPrice)
    {
        PerUnitPerYear = perUnitPerYear;
        RateOfPrice = rateOfPrice;
    }

    public decimal PerUnitPerYear { get; }

    public decimal RateOfPrice { get; }

    public bool IsRate => RateOfPrice > 0;

    public static Holding PerUnit(decimal perUnitPerYear)
    {
        Require.Positive(perUnitPerYear, nameof(perUnitPerYear), "The holding cost per unit per year");
        return new Holding(perUnitPerYear, 0);
    }

    public static Holding Rate(decimal rateOfPrice)
    {
        Require.Positive(rateOfPrice, nameof(rateOfPrice), "The holding rate (e.g. 0.2 for 20% of the price a year)");
        return new Holding(0, rateOfPrice);
    }

    /// <summary>H for a unit bought at <paramref name="unitPrice"/>.</summary>
    public decimal PerUnitAt(decimal? unitPrice)
    {
        if (!IsRate) return PerUnitPerYear;
        if (unitPrice is not > 0)
            throw new ArgumentException("A holding cost given as a rate of the price needs the unit's price.", nameof(unitPrice));
        return RateOfPrice * unitPrice.Value;
    }
}
