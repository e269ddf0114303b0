namespace Weft.Commerce.Replenishment;

/// <summary>The inputs of the economic order quantity: demand D per year, cost S of placing one order, and holding cost H.</summary>
internal sealed record OrderingCosts
{
    public OrderingCosts(decimal annualDemand, decimal costPerOrder, Holding holding)
    {
        Require.Positive(annualDemand, nameof(annualDemand), "Annual demand");
        Require.Positive(costPerOrder, nameof(costPerOrder), "The cost of placing an order");
        ArgumentNullException.ThrowIfNull(holding);
        AnnualDemand = annualDemand;
        CostPerOrder = costPerOrder;
        Holding = holding;
    }

    public decimal AnnualDemand { get; }

    public decimal CostPerOrder { get; }

    public Holding Holding { get; }
}
