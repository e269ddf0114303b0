using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Weft.AI.Persistence;
using Weft.Platform.Errors;

namespace Weft.AI.Runs;

/// <summary>
/// An agent's budgets. Per day: once its runs since midnight UTC have cost the budget, new runs are refused. Per run: the
/// answer is cut to what the budget can pay for, at the chain's dearest prices, after the input (estimated at four
/// characters a token, as providers' tokenizers average on English; the recorded cost is the provider's count).
/// </summary>
internal static class RunBudgets
{
    public const int CharactersPerToken = 4;

    public static async Task CheckDayAsync(AiDb data, long tenant, AgentProfileRecord profile, CancellationToken ct)
    {
        if (profile.BudgetPerDay is not { } budget) return;
        var midnight = data.Now.Date;
        await using var db = await data.OpenAsync(tenant, ct);
        // Summed here: SQLite stores decimals as text and cannot add them up.
        var spent = (await db.Runs.AsNoTracking().Where(r => r.AgentKey == profile.AgentKey && r.StartedAt >= midnight).Select(r => r.Cost).ToListAsync(ct)).Sum();
        if (spent >= budget)
            throw WeftException.Rule("daily_budget_spent",
                string.Create(CultureInfo.InvariantCulture, $"Agent '{profile.AgentKey}' has spent {spent:0.######} of its {budget:0.######} dollars for today (UTC); it runs again tomorrow, or with a larger budget."),
                new { spent, budget });
    }

    /// <summary>The most output tokens a call may ask for: the profile's limit, cut to the per-run budget.</summary>
    public static int? MaxOutputTokens(AgentProfileRecord profile, IReadOnlyList<ChainLink> links, IEnumerable<ChatMessage> messages) =>
        MaxOutputTokens(profile.MaxOutputTokens, profile.BudgetPerRun, links, messages);

    /// <summary>The most output tokens a call may ask for when <paramref name="budget"/> dollars are left of the run's budget.</summary>
    public static int? MaxOutputTokens(int? limit, decimal? budget, IReadOnlyList<ChainLink> links, IEnumerable<ChatMessage> messages)
    {
        if (budget is not { } budgetLeft) return limit;
        var inputTokens = EstimatedTokens(messages);
        var inputPrice = links.Max(l => l.Prices.Input);
        var outputPrice = links.Max(l => l.Prices.Output);
        var left = budgetLeft - inputTokens * inputPrice / 1_000_000m;
        var affordable = outputPrice == 0 ? (left > 0 ? int.MaxValue : 0) : (int)Math.Max(0, Math.Min(int.MaxValue, Math.Floor(left * 1_000_000m / outputPrice)));
        if (affordable < 1)
            throw WeftException.Rule("run_budget_too_small",
                string.Create(CultureInfo.InvariantCulture, $"The input alone (about {inputTokens:N0} tokens) would cost more than the {budgetLeft:0.######} dollars left of the run's budget."),
                new { estimatedInputTokens = inputTokens, budget = budgetLeft });
        // Free output is not capped by money: the profile's own limit stands.
        return affordable == int.MaxValue ? limit : Math.Min(limit ?? int.MaxValue, affordable);
    }

    public static long EstimatedTokens(IEnumerable<ChatMessage> messages) =>
        (messages.Sum(m => (long)m.Text.Length) + CharactersPerToken - 1) / CharactersPerToken;
}
