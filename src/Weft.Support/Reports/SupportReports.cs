using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Weft.Platform.Errors;
using Weft.Support.Conversations;

namespace Weft.Support.Reports;

/// <summary>One day of the report: conversations started, solved, answered by the AI alone, and handed to people.</summary>
internal sealed record ReportDay(DateOnly Day, int Started, int Solved, int AiResolved, int HandedOver);

/// <summary>One conversation's figures, the rows of the CSV export.</summary>
internal sealed record ReportRow(long Number, DateTime CreatedAt, string Channel, string? Intent, string Priority, string Status,
    double? FirstReplyMinutes, bool? FirstReplyInSla, double? ResolutionMinutes, bool? ResolvedInSla, bool AiResolved, string? HandoverReason, int? Csat);

/// <summary>
/// The support report over conversations started between two days (UTC): volume per day, first reply and resolution
/// times (median and 90th percentile, wall-clock minutes) and the share within their SLA targets, customer
/// satisfaction (mean score and the share of 4s and 5s), the AI resolution rate (answered by the AI and never handed to
/// people, of all started) and why conversations were handed over.
/// </summary>
internal sealed record SupportReport(DateOnly From, DateOnly To, int Started, int Solved, IReadOnlyList<ReportDay> Days,
    double? FirstReplyMedian, double? FirstReplyP90, double? FirstReplyInSla, double? ResolutionMedian, double? ResolutionP90, double? ResolvedInSla,
    double? CsatMean, int CsatCount, double? CsatSatisfied, double AiResolutionRate, IReadOnlyDictionary<string, int> HandoverReasons,
    IReadOnlyList<ReportRow> Rows);

internal sealed class SupportReports(SupportDb data)
{
    public const int MaxDays = 366;

    public async Task<SupportReport> ReportAsync(long tenant, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var last = to ?? DateOnly.FromDateTime(data.Now);
        var first = from ?? last.AddDays(-29);
        if (first > last) throw FieldErrors.Of("from", "'from' is on or before 'to'.");
        if (last.DayNumber - first.DayNumber + 1 > MaxDays) throw FieldErrors.Of("to", $"A report covers at most {MaxDays} days.");
        var start = first.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var end = last.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        await using var db = await data.OpenAsync(tenant, ct);
        var conversations = await db.Conversations.AsNoTracking()
            .Where(c => c.CreatedAt >= start && c.CreatedAt < end && c.MergedIntoId == null).OrderBy(c => c.Id).ToListAsync(ct);
        var ids = conversations.Select(c => c.Id).ToList();
        var answeredByAi = (await db.Messages.AsNoTracking().Where(m => m.Kind == MessageKinds.Ai && ids.Contains(m.ConversationId))
            .Select(m => m.ConversationId).Distinct().ToListAsync(ct)).ToHashSet();

        var rows = conversations.Select(c =>
        {
            var ended = c.SolvedAt ?? c.ClosedAt;
            var aiResolved = answeredByAi.Contains(c.Id) && c.HandoverReason is null
                && c.Status is ConversationStatuses.Pending or ConversationStatuses.Solved or ConversationStatuses.Closed;
            return new ReportRow(c.Number, c.CreatedAt, c.Channel, c.Intent, c.Priority, c.Status,
                c.FirstReplyAt is { } r ? (r - c.CreatedAt).TotalMinutes : null,
                c.FirstReplyAt is { } r2 && c.FirstReplyDueAt is { } d ? r2 <= d : null,
                ended is { } e ? (e - c.CreatedAt).TotalMinutes : null,
                ended is { } e2 && c.ResolutionDueAt is { } rd ? e2 <= rd : null,
                aiResolved, c.HandoverReason, c.CsatScore);
        }).ToList();
        var days = Enumerable.Range(0, last.DayNumber - first.DayNumber + 1).Select(i => first.AddDays(i)).Select(day =>
        {
            var of = rows.Where(r => DateOnly.FromDateTime(r.CreatedAt) == day).ToList();
            return new ReportDay(day, of.Count, of.Count(r => r.Status is ConversationStatuses.Solved or ConversationStatuses.Closed),
                of.Count(r => r.AiResolved), of.Count(r => r.HandoverReason is not null));
        }).ToList();
        var firstReplies = rows.Where(r => r.FirstReplyMinutes is not null).Select(r => r.FirstReplyMinutes!.Value).ToList();
        var resolutions = rows.Where(r => r.ResolutionMinutes is not null).Select(r => r.ResolutionMinutes!.Value).ToList();
        var rated = rows.Where(r => r.Csat is not null).Select(r => r.Csat!.Value).ToList();
        return new SupportReport(first, last, rows.Count, rows.Count(r => r.Status is ConversationStatuses.Solved or ConversationStatuses.Closed), days,
            Percentile(firstReplies, 0.5), Percentile(firstReplies, 0.9), Share(rows.Where(r => r.FirstReplyInSla is not null).Select(r => r.FirstReplyInSla!.Value)),
            Percentile(resolutions, 0.5), Percentile(resolutions, 0.9), Share(rows.Where(r => r.ResolvedInSla is not null).Select(r => r.ResolvedInSla!.Value)),
            rated.Count == 0 ? null : rated.Average(), rated.Count, rated.Count == 0 ? null : rated.Count(s => s >= 4) / (double)rated.Count,
            rows.Count == 0 ? 0 : rows.Count(r => r.AiResolved) / (double)rows.Count,
            rows.Where(r => r.HandoverReason is not null).GroupBy(r => r.HandoverReason!).OrderByDescending(g => g.Count()).ThenBy(g => g.Key)
                .ToDictionary(g => g.Key, g => g.Count()),
            rows);
    }

    /// <summary>The report's conversations, one row each, as CSV (RFC 4180, UTF-8).</summary>
    public static string Csv(SupportReport report)
    {
        var text = new StringBuilder("number,created_at,channel,intent,priority,status,first_reply_minutes,first_reply_in_sla,resolution_minutes,resolved_in_sla,ai_resolved,handover_reason,csat\r\n");
        foreach (var r in report.Rows)
            text.Append(CultureInfo.InvariantCulture,
                $"{r.Number},{r.CreatedAt:yyyy-MM-ddTHH:mm:ssZ},{Field(r.Channel)},{Field(r.Intent)},{Field(r.Priority)},{Field(r.Status)},{Minutes(r.FirstReplyMinutes)},{Flag(r.FirstReplyInSla)},{Minutes(r.ResolutionMinutes)},{Flag(r.ResolvedInSla)},{(r.AiResolved ? "yes" : "no")},{Field(r.HandoverReason)},{r.Csat}\r\n");
        return text.ToString();
    }

    /// <summary>The value at <paramref name="p"/> of the sorted values (nearest rank), or null when there are none.</summary>
    public static double? Percentile(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0) return null;
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static double? Share(IEnumerable<bool> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? null : list.Count(v => v) / (double)list.Count;
    }

    private static string Minutes(double? minutes) => minutes is { } m ? m.ToString("0.#", CultureInfo.InvariantCulture) : "";

    private static string Flag(bool? value) => value is { } v ? (v ? "yes" : "no") : "";

    /// <summary>A CSV field: quoted when it holds a comma, quote or line break; a leading formula character is neutralised.</summary>
    private static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@') value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) < 0 ? value : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
    }
}
