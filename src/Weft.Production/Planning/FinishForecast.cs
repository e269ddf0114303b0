namespace Weft.Production.Planning;

/// <summary>
/// Forecast finish per order from queue lengths and measured work times.
/// <para>
/// Capabilities are worked in parallel, each by its own people. Orders queue in <see cref="QueueOrder"/>: priority
/// descending, then due date ascending with no due date last, then order id. For each capability the queue up to an order
/// is the remaining minutes of every order before it plus its own, where remaining minutes are pieces times the measured
/// median minutes per piece (<see cref="MeasuredWorkTimes"/>), or the standard minutes where nothing is measured. The queue
/// drains at the capability's available minutes day by day from today (the same minutes as <see cref="CapacityPlan"/>,
/// including today's whole day); an order's queue for a capability is drained on the first day by which the cumulative
/// minutes reach it. The order finishes on the latest of those days over the capabilities it needs; with nothing left it
/// finishes today.
/// </para>
/// <para>
/// The finish is unknown when no agent has a needed capability, or when a queue does not drain within the horizon.
/// An order is late when its finish is after its due date, or, with the finish unknown, when its due date is already past.
/// </para>
/// </summary>
internal static class FinishForecast
{
    public const int DefaultHorizonDays = 365;

    // Measured medians make queues fractional; a queue a hair above the day's minutes is drained that day.
    private const double Tolerance = 1e-6;

    public static IReadOnlyList<OrderForecast> For(DateOnly today, IReadOnlyList<PlanAgent> agents, IReadOnlyList<OpenOrder> orders,
        MeasuredWorkTimes? measured = null, int horizonDays = DefaultHorizonDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(horizonDays);
        measured ??= MeasuredWorkTimes.None;
        var team = new TeamCapacity(agents);
        var queued = QueueOrder(orders).ToList();
        var drained = orders.ToDictionary(o => o.OrderId, _ => new List<(string Capability, DateOnly? Day, string? Reason)>());

        foreach (var capability in orders.SelectMany(o => o.Capabilities).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var hasPeople = team.HasPeopleFor(capability);
            var queue = 0.0;
            var cumulative = 0.0;
            var daysUsed = 0;
            foreach (var order in queued)
            {
                var minutes = order.MinutesFor(capability, measured);
                if (minutes <= 0) continue;
                queue += minutes;
                while (hasPeople && cumulative + Tolerance < queue && daysUsed < horizonDays)
                    cumulative += team.On(capability, today.AddDays(daysUsed++));
                drained[order.OrderId].Add(!hasPeople ? (capability, null, ForecastReasons.NoPeople)
                    : cumulative + Tolerance >= queue ? (capability, today.AddDays(daysUsed - 1), null)
                    : (capability, null, ForecastReasons.BeyondHorizon));
            }
        }

        return orders.Select(o => Forecast(o, drained[o.OrderId], today, horizonDays)).ToList();
    }

    public static IOrderedEnumerable<OpenOrder> QueueOrder(IEnumerable<OpenOrder> orders) =>
        orders.OrderByDescending(o => o.Priority).ThenBy(o => o.Due is null).ThenBy(o => o.Due).ThenBy(o => o.OrderId);

    private static OrderForecast Forecast(OpenOrder order, List<(string Capability, DateOnly? Day, string? Reason)> drained, DateOnly today, int horizonDays)
    {
        // No people is the more useful thing to say: more days would not help.
        var unknown = drained.Where(d => d.Reason is not null).OrderBy(d => d.Reason == ForecastReasons.NoPeople ? 0 : 1).FirstOrDefault();
        if (unknown.Reason is not null)
        {
            var detail = unknown.Reason == ForecastReasons.NoPeople
                ? $"No one has the capability '{unknown.Capability}'."
                : $"The queue for '{unknown.Capability}' does not drain within {horizonDays} days.";
            return new(order.OrderId, order.Due, null, order.Due < today, unknown.Reason, detail);
        }
        var finish = drained.Select(d => d.Day!.Value).DefaultIfEmpty(today).Max();
        return new(order.OrderId, order.Due, finish, finish > order.Due);
    }
}
