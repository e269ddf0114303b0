using System.Globalization;
using Weft.AI.Ui;

namespace Weft.AI.Costs;

/// <summary>Each day's cost as stacked bars, one colour per agent or model, and the same in words.</summary>
internal sealed record DailyCostChart(DailyCosts Costs)
{
    /// <summary>Beyond this many agents or models the cheapest share one bar: a dozen colours cannot be told apart.</summary>
    public const int MostSeries = 8;

    private string Noun => Costs.By == "model" ? "model" : "agent";

    private IReadOnlyList<DailyCostSeries> Series
    {
        get
        {
            if (Costs.Series.Count <= MostSeries) return Costs.Series;
            var rest = Costs.Series.Skip(MostSeries - 1).ToList();
            var other = new DailyCostSeries($"{rest.Count} other {Noun}s",
                [.. Costs.Days.Select((_, day) => rest.Sum(s => s.Costs[day]))]);
            return [.. Costs.Series.Take(MostSeries - 1), other];
        }
    }

    private static string DayLabel(DateOnly day) => day.ToString("d MMM", CultureInfo.InvariantCulture);

    /// <summary>The ECharts option: a bar per day, stacked by agent or model.</summary>
    public object Option => new
    {
        grid = new { left = 64, right = 16, top = 48, bottom = 30 },
        tooltip = new { trigger = "axis", axisPointer = new { type = "shadow" } },
        legend = new { type = "scroll", top = 0 },
        xAxis = new { type = "category", data = Costs.Days.Select(DayLabel).ToArray() },
        yAxis = new { type = "value", name = "US dollars", axisLabel = new { formatter = "${value}" } },
        series = Series.Select(s => new { type = "bar", stack = "cost", name = s.Key, data = s.Costs.ToArray() }).ToArray(),
    };

    public decimal Total => Costs.Series.Sum(s => s.Costs.Sum());

    /// <summary>The chart in words, for those who cannot see it.</summary>
    public string Description
    {
        get
        {
            var period = $"from {DayLabel(Costs.From)} to {DayLabel(Costs.To)}";
            if (Total == 0) return $"Cost per day {period}: nothing was spent.";
            var perDay = Costs.Days.Select((day, i) => (Day: day, Cost: Costs.Series.Sum(s => s.Costs[i]))).ToList();
            var dearest = perDay.MaxBy(d => d.Cost);
            var top = Costs.Series[0];
            return $"Cost per day {period}, stacked by {Noun}: {Figures.Cost(Total)} in all; the dearest day was {DayLabel(dearest.Day)} " +
                $"with {Figures.Cost(dearest.Cost)}; {top.Key} cost the most, {Figures.Cost(top.Costs.Sum())}.";
        }
    }
}
