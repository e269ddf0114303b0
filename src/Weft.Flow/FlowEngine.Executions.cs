using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Weft.Flow.Contracts;

namespace Weft.Flow;

public sealed partial class FlowEngine
{
    /// <summary>Automated agents' runs since <paramref name="since"/>, per agent, read from the event log.</summary>
    public Task<IReadOnlyList<AgentExecutionsDto>> AgentExecutionsAsync(DateTime since, CancellationToken ct = default) =>
        runtime.ReadAsync<IReadOnlyList<AgentExecutionsDto>>(async db =>
        {
            var from = since.ToUniversalTime();
            var rows = await db.Events.AsNoTracking()
                .Where(e => e.At >= from && (e.Type == "automation_succeeded" || e.Type == "automation_attempt_failed"))
                .OrderBy(e => e.Id)
                .Select(e => new { e.Type, e.At, e.DataJson })
                .ToListAsync(ct);
            var runs = rows.Select(r => (r.Type, r.At, Data: r.DataJson is null ? new JsonObject() : JsonNode.Parse(r.DataJson) as JsonObject ?? []))
                .Where(r => r.Data["agent"] is JsonValue)
                .GroupBy(r => r.Data["agent"]!.GetValue<string>());
            return runs.Select(g =>
            {
                var seconds = g.Select(r => r.Data["seconds"] is JsonValue v && v.TryGetValue<double>(out var s) ? s : (double?)null).OfType<double>().ToList();
                var failures = g.Where(r => r.Type == "automation_attempt_failed").ToList();
                var last = failures.LastOrDefault();
                return new AgentExecutionsDto(g.Key, g.Count(r => r.Type == "automation_succeeded"), failures.Count,
                    seconds.Count == 0 ? null : Math.Round(seconds.Average(), 3), seconds.Count == 0 ? null : Math.Round(seconds.Max(), 3),
                    last.Data?["error"]?.GetValue<string>(), failures.Count == 0 ? null : last.At, g.Max(r => r.At));
            }).OrderBy(a => a.Agent, StringComparer.Ordinal).ToList();
        }, ct);
}
