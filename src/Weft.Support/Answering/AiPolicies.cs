using Microsoft.EntityFrameworkCore;
using Weft.Platform.Errors;
using Weft.Support.Conversations;
using Weft.Support.Persistence;

namespace Weft.Support.Answering;

/// <summary>How the AI tier treats an intent.</summary>
internal static class AiModes
{
    /// <summary>An AI agent answers the customer directly when confident enough.</summary>
    public const string Answer = "answer";
    /// <summary>An AI agent answers, a second one checks the answer before the customer sees it.</summary>
    public const string Verify = "verify";
    /// <summary>An AI agent drafts; a person reviews, edits and sends.</summary>
    public const string Copilot = "copilot";
    /// <summary>People only: no AI agent sees it.</summary>
    public const string People = "people";

    public static readonly IReadOnlyList<string> All = [Answer, Verify, Copilot, People];
}

/// <summary>The body of <c>PUT /api/v1/support/ai-policies/{intent}</c> (<c>*</c>: every intent without its own policy).</summary>
internal sealed record AiPolicyRequest(string? Mode, double? MinConfidence, string? Priority);

internal sealed record AiPolicyDto(string Intent, string Mode, double MinConfidence, string? Priority, DateTime UpdatedAt);

/// <summary>
/// Each tenant's choice per intent: answer directly, answer after a verification pass, draft for a person (copilot),
/// or people only, with the confidence an AI answer needs to reach the customer. Without a policy of its own an intent
/// follows <c>*</c>, and without that: answer at <see cref="DefaultMinConfidence"/>.
/// </summary>
internal sealed class AiPolicies(SupportDb data)
{
    public const string Default = "*";
    public const double DefaultMinConfidence = 0.6;

    public async Task<IReadOnlyList<AiPolicyDto>> ListAsync(long tenant, CancellationToken ct)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        return (await db.AiPolicies.AsNoTracking().OrderBy(p => p.Intent).ToListAsync(ct)).Select(ToDto).ToList();
    }

    public async Task<AiPolicyDto> PutAsync(long tenant, string intent, AiPolicyRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(intent) || intent.Length > 100) errors.Add("intent", "The intent is 1-100 characters ('*' for every other intent).");
        if (request.Mode is null || !AiModes.All.Contains(request.Mode)) errors.Add("mode", $"'mode' is one of {string.Join(", ", AiModes.All)}.");
        if (request.MinConfidence is { } min && (double.IsNaN(min) || min < 0 || min > 1)) errors.Add("minConfidence", "'minConfidence' is between 0 and 1.");
        if (request.Priority is { } priority && !Priorities.All.Contains(priority))
            errors.Add("priority", $"'priority' is one of {string.Join(", ", Priorities.All)}, or none to keep the conversation's.");
        errors.ThrowIfAny();
        return await data.ChangeAsync(tenant, async db =>
        {
            var policy = await db.AiPolicies.FirstOrDefaultAsync(p => p.Intent == intent, ct);
            if (policy is null) db.AiPolicies.Add(policy = new AiPolicyRecord { Intent = intent });
            policy.Mode = request.Mode!;
            policy.MinConfidence = request.MinConfidence ?? DefaultMinConfidence;
            policy.Priority = request.Priority;
            policy.UpdatedAt = data.Now;
            await db.SaveChangesAsync(ct);
            return ToDto(policy);
        }, ct);
    }

    public async Task DeleteAsync(long tenant, string intent, CancellationToken ct) =>
        await data.ChangeAsync(tenant, async db =>
        {
            var policy = await db.AiPolicies.FirstOrDefaultAsync(p => p.Intent == intent, ct)
                ?? throw WeftException.NotFound("ai_policy_not_found", $"There is no AI policy for '{intent}'.");
            db.AiPolicies.Remove(policy);
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);

    /// <summary>The policy an intent follows.</summary>
    public static async Task<AiPolicyRecord> ForAsync(SupportDbContext db, string intent, CancellationToken ct)
    {
        var policies = await db.AiPolicies.AsNoTracking().Where(p => p.Intent == intent || p.Intent == Default).ToListAsync(ct);
        return policies.FirstOrDefault(p => p.Intent == intent) ?? policies.FirstOrDefault()
            ?? new AiPolicyRecord { Intent = Default, Mode = AiModes.Answer, MinConfidence = DefaultMinConfidence };
    }

    private static AiPolicyDto ToDto(AiPolicyRecord p) => new(p.Intent, p.Mode, p.MinConfidence, p.Priority, p.UpdatedAt);
}
