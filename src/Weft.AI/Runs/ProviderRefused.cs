namespace Weft.AI.Runs;

/// <summary>A provider refused a call for a reason another model would not mend (a bad key, a malformed request).</summary>
internal sealed class ProviderRefused(string reason, Exception inner) : Exception($"The provider refused the call: {reason}.", inner)
{
    public string Reason { get; } = reason;
}
