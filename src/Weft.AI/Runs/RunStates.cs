namespace Weft.AI.Runs;

/// <summary>Where a run is.</summary>
public static class RunStates
{
    public const string Running = "running";
    public const string Answered = "answered";
    public const string Failed = "failed";
}
