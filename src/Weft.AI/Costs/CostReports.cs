using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Weft.AI.Runs;
using Weft.Platform.Errors;

namespace Weft.AI.Costs;

/// <summary>Usage and cost rolled up from the calls of runs started in a period: per day, per agent or per model, or each day's split.</summary>
internal sealed class CostReports(AiDb data)
{
    public const int MaxDays = 366;
    public static readonly IReadOnlyList<string> Groupings = ["day", "agent", "model"];
    public static readonly IReadOnlyList<string> Splits = ["agent", "model"];

    public async Task<CostReport> ReportAsync(long tenant, DateOnly? from, DateOnly? to, string? by, CancellationToken ct = default)
    {
        by ??= "day";
        var (first, last) = PeriodOf(from, to, by, Groupings);
        var calls = await CallsAsync(tenant, first, last, ct);
        var lines = calls
            .GroupBy(c => by switch
            {
                "agent" => c.Agent,
                "model" => c.Model,
                _ => DayOf(c),
            }, StringComparer.Ordinal)
            .Select(g => LineOf(g.Key, g.ToList()))
            .OrderBy(l => by == "day" ? l.Key : null, StringComparer.Ordinal)
            .ThenByDescending(l => l.Cost)
            .ThenBy(l => l.Key, StringComparer.Ordinal)
            .ToList();
        return new CostReport(first, last, by, LineOf("total", calls), lines);
    }

    /// <summary>Every agent's runs since midnight UTC and their cost, read in one query; an agent without runs today is not listed.</summary>
    public async Task<IReadOnlyDictionary<string, AgentDay>> TodayByAgentAsync(long tenant, CancellationToken ct = default)
    {
        var midnight = data.Now.Date;
        await using var db = await data.OpenAsync(tenant, ct);
        // Summed here, as the daily budget sums them: SQLite stores decimals as text and cannot add them up.
        var runs = await db.Runs.AsNoTracking().Where(r => r.StartedAt >= midnight).Select(r => new { r.AgentKey, r.Cost }).ToListAsync(ct);
        return runs.GroupBy(r => r.AgentKey, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new AgentDay(g.Key, g.Count(), g.Sum(r => r.Cost)), StringComparer.Ordinal);
    }

    /// <summary>The cost of each day of a period, split by agent or by model: one series per key, dearest first, a figure for every day.</summary>
    public async Task<DailyCosts> DailyAsync(long tenant, DateOnly? from, DateOnly? to, string? by, CancellationToken ct = default)
    {
        by ??= "agent";
        var (first, last) = PeriodOf(from, to, by, Splits);
        var calls = await CallsAsync(tenant, first, last, ct);
        var days = Enumerable.Range(0, last.DayNumber - first.DayNumber + 1).Select(first.AddDays).ToList();
        var series = calls
            .GroupBy(c => by == "model" ? c.Model : c.Agent, StringComparer.Ordinal)
            .Select(g =>
            {
                var perDay = g.GroupBy(DayOf, StringComparer.Ordinal).ToDictionary(d => d.Key, d => d.Sum(c => c.Cost), StringComparer.Ordinal);
                return new DailyCostSeries(g.Key, [.. days.Select(d => perDay.GetValueOrDefault(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))]);
            })
            .OrderByDescending(s => s.Costs.Sum())
            .ThenBy(s => s.Key, StringComparer.Ordinal)
            .ToList();
        return new DailyCosts(first, last, by, days, series);
    }

    private (DateOnly First, DateOnly Last) PeriodOf(DateOnly? from, DateOnly? to, string by, IReadOnlyList<string> allowed)
    {
        var last = to ?? DateOnly.FromDateTime(data.Now);
        var first = from ?? last.AddDays(-29);
        var errors = new FieldErrors();
        if (!allowed.Contains(by)) errors.Add("by", $"'by' must be one of: {string.Join(", ", allowed)}.");
        if (first > last) errors.Add("from", "'from' must not be after 'to'.");
        else if (last.DayNumber - first.DayNumber >= MaxDays) errors.Add("to", $"A report covers at most {MaxDays} days.");
        errors.ThrowIfAny();
        return (first, last);
    }

    private sealed record CostedCall(long? RunId, string Agent, DateTime StartedAt, string Model, long InputTokens, long OutputTokens, long CachedInputTokens,
        decimal Cost);

    /// <summary>The calls of the runs started in the period (its days in UTC, both included).</summary>
    private async Task<List<CostedCall>> CallsAsync(long tenant, DateOnly first, DateOnly last, CancellationToken ct)
    {
        var start = first.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var end = last.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        await using var db = await data.OpenAsync(tenant, ct);
        // Summed in memory: SQLite stores decimals as text and cannot add them up.
        // A run's calls count on the day it started; a knowledge base's own embeddings under "knowledge:{base}".
        return await (from c in db.Calls.AsNoTracking()
                      join r in db.Runs.AsNoTracking() on c.RunId equals r.Id into runs
                      from r in runs.DefaultIfEmpty()
                      where c.At >= start && c.At < end
                      select new CostedCall(c.RunId, r != null ? r.AgentKey : c.Subject ?? "", c.At, c.Model, c.InputTokens, c.OutputTokens,
                          c.CachedInputTokens, c.Cost))
            .ToListAsync(ct);
    }

    private static string DayOf(CostedCall call) => call.StartedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static CostLine LineOf(string key, IReadOnlyCollection<CostedCall> calls) =>
        new(key, calls.Where(c => c.RunId is not null).Select(c => c.RunId).Distinct().Count(), calls.Count,
            new TokenUsage(calls.Sum(c => c.InputTokens), calls.Sum(c => c.OutputTokens), calls.Sum(c => c.CachedInputTokens)), calls.Sum(c => c.Cost));

    /// <summary>The report's lines as CSV (RFC 4180), one line per group, then the total.</summary>
    public static string Csv(CostReport report)
    {
        var csv = new System.Text.StringBuilder();
        csv.Append(report.By).Append(",runs,calls,input_tokens,output_tokens,cached_input_tokens,cost_usd\r\n");
        foreach (var line in report.Lines.Append(report.Total))
        {
            csv.Append(Quoted(line.Key)).Append(',')
                .Append(CultureInfo.InvariantCulture, $"{line.Runs},{line.Calls},{line.Usage.Input},{line.Usage.Output},{line.Usage.CachedInput},{line.Cost:0.##########}")
                .Append("\r\n");
        }
        return csv.ToString();
    }

    // A field starting with = + - @ would be read as a formula by a spreadsheet: it is quoted and kept as text.
    private static string Quoted(string value)
    {
        var formula = value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal);
        if (formula) value = "'" + value;
        return formula || value.IndexOfAny(['"', ',', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
