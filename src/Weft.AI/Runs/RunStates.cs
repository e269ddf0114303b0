namespace Weft.AI.Runs;

/// <summary>Where a run is.</summary>
public static class RunStates
{
    public const string Running = "running";
    public const string Answered = "answered";
    public const string Failed = "failed";
    /// <summary>The caller stopped waiting (its error code; the run's state is failed).</summary>
    public const string Cancelled = "cancelled";
}
