namespace Weft.Production.Ui;

/// <summary>The tables whose committed changes the production pages watch: their own, and the engine's that move progress.</summary>
internal static class ProductionTables
{
    public const string Orders = "production_orders";
    public const string Products = "production_products";
    public const string ShiftCalendars = "production_shift_calendars";

    /// <summary>An order's list or page: the orders, and the flow tables its progress is read from.</summary>
    public static readonly IReadOnlyCollection<string> OrderProgress = [Orders, "flow_jobs", "flow_tokens", "flow_work_items"];
}
