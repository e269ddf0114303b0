using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Weft.Flow.Runtime;

/// <summary>Engine commands by name and outcome, their duration and their retries after conflicts.</summary>
internal sealed class CommandMetrics
{
    public const string Ok = "ok";
    public const string Rejected = "rejected";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    private readonly Counter<long> commands;
    private readonly Histogram<double> duration;
    private readonly Counter<long> retries;

    public CommandMetrics(IMeterFactory? factory)
    {
        var meter = FlowTelemetry.Meter(factory);
        commands = meter.CreateCounter<long>("weft.flow.commands", description: "Engine commands run, by command and outcome (ok, rejected, failed, cancelled).");
        duration = meter.CreateHistogram("weft.flow.command.duration", "s", "Time an engine command took, retries included.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = FlowTelemetry.Seconds });
        retries = meter.CreateCounter<long>("weft.flow.command.retries", description: "Engine commands run again after a conflict with another.");
    }

    public void Ran(string command, string outcome, TimeSpan elapsed)
    {
        var tags = new TagList { { "command", command }, { "outcome", outcome } };
        commands.Add(1, tags);
        duration.Record(elapsed.TotalSeconds, tags);
    }

    public void Retried(string command) => retries.Add(1, new KeyValuePair<string, object?>("command", command));
}
