using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Weft.Flow.Automation;

namespace Weft.AI.Patterns;

/// <summary>
/// Holds a pattern's job to its <c>maxCost</c>: before an AI step runs, what the steps before it spent (each AI step
/// records its run's cost in the token's data under its node's key) is added up, and the step is refused (to the manager inbox, not
/// retried) once it reaches the bound. Parallel branches see what was spent before the split, not each other's spending meanwhile.
/// </summary>
internal static class PatternBudget
{
    public static decimal Spent(JsonObject data) =>
        data.Select(p => p.Value).OfType<JsonObject>()
            .Where(o => o["run"] is JsonValue && o["cost"] is JsonValue)
            .Sum(o => o["cost"]!.GetValue<decimal>());

    public static async Task CheckAsync(AiDb ai, long tenant, string graph, JsonObject data, CancellationToken ct)
    {
        decimal? max;
        await using (var db = await ai.OpenAsync(tenant, ct))
            max = await db.Patterns.AsNoTracking().Where(p => p.GraphKey == graph).Select(p => p.MaxCost).FirstOrDefaultAsync(ct);
        if (max is not { } bound) return;
        var spent = Spent(data);
        if (spent >= bound)
            throw new WorkRefusedException(
                string.Create(CultureInfo.InvariantCulture, $"This job of '{graph}' has spent {spent:0.######} of its {bound:0.######} dollars; a person decides whether it goes on."));
    }
}
