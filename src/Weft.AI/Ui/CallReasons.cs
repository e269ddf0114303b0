using Weft.AI.Runs;
using Weft.Platform.Web.Ui;

namespace Weft.AI.Ui;

/// <summary>Why a model of a chain did not answer, as people say it.</summary>
internal static class CallReasons
{
    public static string Of(string? reason) => reason switch
    {
        null => Shown.Nothing,
        CallOutcomes.CircuitOpen => "not called: its provider failed recently (circuit open)",
        CallOutcomes.Timeout => "timed out",
        CallOutcomes.ConnectionFailed => "could not connect",
        CallOutcomes.StreamBroken => "stopped in the middle of its answer",
        _ when reason.StartsWith("http_", StringComparison.Ordinal) => Http(reason[5..]),
        _ => Shown.Words(reason),
    };

    private static string Http(string status) => status switch
    {
        "400" => "HTTP 400 (bad request)",
        "401" => "HTTP 401 (API key refused)",
        "403" => "HTTP 403 (not allowed)",
        "404" => "HTTP 404 (model not found)",
        "429" => "HTTP 429 (rate limited)",
        _ when status.StartsWith('5') => $"HTTP {status} (server error)",
        _ => $"HTTP {status}",
    };
}
