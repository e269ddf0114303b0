namespace Weft.AI.Runs;

/// <summary>What became of one model of a chain in a run, and why.</summary>
public static class CallOutcomes
{
    public const string Answered = "answered";
    public const string Failed = "failed";
    /// <summary>Not called: its provider's circuit is open after recent failures.</summary>
    public const string Skipped = "skipped";

    public const string CircuitOpen = "circuit_open";
    public const string Timeout = "timeout";
    public const string ConnectionFailed = "connection_failed";
    /// <summary>The model began to answer and stopped: the run ends (a second model cannot go on from half an answer).</summary>
    public const string StreamBroken = "stream_broken";
    /// <summary>The provider's client failed in a way no status explains (an answer it could not read, say): the next model is asked.</summary>
    public const string BadResponse = "bad_response";

    /// <summary>The reason for an HTTP status: <c>http_429</c>, <c>http_503</c>…</summary>
    public static string Http(int status) => "http_" + status.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
