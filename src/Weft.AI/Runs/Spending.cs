using Weft.AI.Persistence;

namespace Weft.AI.Runs;

/// <summary>Calls made outside any run (a knowledge base's embeddings), written as calls so that costs count them.</summary>
internal static class Spending
{
    public static string KnowledgeSubject(string baseKey) => "knowledge:" + baseKey;

    /// <summary>Adds the calls to the context (saved with the caller's changes).</summary>
    public static void Add(AiDbContext db, string subject, DateTime at, IEnumerable<CallAttempt> attempts)
    {
        var sequence = 0;
        foreach (var a in attempts)
        {
            db.Calls.Add(new CallRecord
            {
                RunId = null, At = at, Subject = subject, Sequence = ++sequence, Model = a.Model, Provider = a.Provider, Outcome = a.Outcome,
                Reason = a.Reason, DurationMs = a.Duration.TotalMilliseconds, InputTokens = a.Usage.Input, OutputTokens = a.Usage.Output,
                CachedInputTokens = a.Usage.CachedInput, Cost = a.Cost,
            });
        }
    }
}
