using Microsoft.Extensions.AI;

namespace Weft.AI.Runs;

/// <summary>The answer of the model that answered, and every model tried on the way to it.</summary>
internal sealed record ChainAnswer(ChatResponse Response, ChainLink AnsweredBy, IReadOnlyList<CallAttempt> Attempts)
{
    public TokenUsage Usage => Attempts.Aggregate(TokenUsage.None, (sum, a) => sum + a.Usage);

    public decimal Cost => Attempts.Sum(a => a.Cost);
}
