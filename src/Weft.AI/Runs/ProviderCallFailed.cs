namespace Weft.AI.Runs;

/// <summary>A call failed for a reason that moves a chain to its next model (and counts against the provider's circuit).</summary>
internal sealed class ProviderCallFailed(string reason, Exception inner) : Exception($"The provider call failed: {reason}.", inner)
{
    public string Reason { get; } = reason;
}
