using Weft.Platform.Errors;

namespace Weft.AI.Runs;

/// <summary>No model of a chain answered: the refusal to show the caller, and the attempts to record with the run.</summary>
internal sealed class ChainFailed(WeftException refusal, IReadOnlyList<CallAttempt> attempts) : Exception(refusal.Message, refusal)
{
    public WeftException Refusal { get; } = refusal;
    public IReadOnlyList<CallAttempt> Attempts { get; } = attempts;
}
