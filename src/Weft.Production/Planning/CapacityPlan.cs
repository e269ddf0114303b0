using System.Globalization;

namespace Weft.Production.Planning;

/// <summary>
/// Released work against the team's minutes, day by day from today, per capability and in total.
/// <para>
/// Available minutes: each present agent's calendar minutes for the day, counted fully for every capability the agent has
/// (a cutter who also stitches adds a whole day to both); away agents give nothing. The total line counts each agent once.
/// </para>
/// <para>
/// Demand, at standard minutes: an order's remaining minutes for a capability are spread evenly over that capability's
/// working days (days on which it has available minutes) from today up to and including the order's due date. With no due
/// date, a due date today or past, or no working day up to it, all of it falls on the first planned day on which the
/// capability has minutes, or on today when it has none in the plan. Minutes stay doubles and are rounded only by
/// <see cref="Display"/>; the last day of a spread takes what the even shares leave, so no minute is lost. Shares that fall
/// after the last planned day (due dates beyond the plan) are kept in <see cref="AfterPlan"/>.
/// </para>
/// A day is overloaded when its demand exceeds its available minutes.
/// </summary>
internal sealed record CapacityPlan(IReadOnlyList<PlanDay> Days, IReadOnlyDictionary<string, double> AfterPlan)
{
    public static CapacityPlan Build(DateOnly today, int days, IReadOnlyList<PlanAgent> agents, IReadOnlyList<OpenOrder> orders)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(days);
        var team = new TeamCapacity(agents);
        var capabilities = team.Capabilities.Concat(orders.SelectMany(o => o.Capabilities))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var demand = capabilities.ToDictionary(c => c, _ => new double[days], StringComparer.OrdinalIgnoreCase);
        var afterPlan = new SortedDictionary<string, double>(StringComparer.OrdinalIgnoreCase);

        foreach (var order in orders)
        {
            foreach (var capability in order.Capabilities)
            {
                var minutes = order.StandardMinutesFor(capability);
                if (minutes <= 0) continue;
                foreach (var (day, share) in Spread(minutes, order.Due, today, days, d => team.On(capability, d)))
                {
                    var index = day.DayNumber - today.DayNumber;
                    if (index < days) demand[capability][index] += share;
                    else afterPlan[capability] = afterPlan.GetValueOrDefault(capability) + share;
                }
            }
        }

        var planDays = Enumerable.Range(0, days).Select(i =>
        {
            var date = today.AddDays(i);
            var loads = new SortedDictionary<string, DayLoad>(StringComparer.OrdinalIgnoreCase);
            foreach (var capability in capabilities) loads[capability] = new(team.On(capability, date), demand[capability][i]);
            return new PlanDay(date, loads, new(team.TotalOn(date), loads.Values.Sum(l => l.Demanded)));
        }).ToList();
        return new(planDays, afterPlan);
    }

    /// <summary>The spreading rule of the plan for one order and capability; see the type's summary.</summary>
    public static IReadOnlyList<(DateOnly Day, double Minutes)> Spread(double minutes, DateOnly? due, DateOnly today, int days,
        Func<DateOnly, int> available)
    {
        if (due is { } last && last > today)
        {
            var working = Enumerable.Range(0, last.DayNumber - today.DayNumber + 1).Select(today.AddDays).Where(d => available(d) > 0).ToList();
            if (working.Count > 0)
            {
                var share = minutes / working.Count;
                return working.Select((d, i) => (d, i == working.Count - 1 ? minutes - share * (working.Count - 1) : share)).ToList();
            }
        }
        var first = Enumerable.Range(0, days).Select(today.AddDays).Where(d => available(d) > 0).DefaultIfEmpty(today).First();
        return [(first, minutes)];
    }

    public static string Display(double minutes) => Math.Round(minutes, 1, MidpointRounding.AwayFromZero).ToString("0.0", CultureInfo.InvariantCulture);
}
