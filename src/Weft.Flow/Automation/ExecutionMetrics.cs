using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;

namespace Weft.Flow.Automation;

/// <summary>Automated executions per tenant and agent: started, succeeded, failed attempts, and how long they took.</summary>
internal sealed class ExecutionMetrics
{
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    private readonly Counter<long> started;
    private readonly Counter<long> succeeded;
    private readonly Counter<long> failed;
    private readonly Histogram<double> duration;

    public ExecutionMetrics(IMeterFactory? factory)
    {
        var meter = FlowTelemetry.Meter(factory);
        started = meter.CreateCounter<long>("weft.flow.executions.started", description: "Automated executions started, by agent.");
        succeeded = meter.CreateCounter<long>("weft.flow.executions.succeeded", description: "Automated executions whose handler succeeded, by agent.");
        failed = meter.CreateCounter<long>("weft.flow.executions.failed", description: "Automated execution attempts that failed, by agent.");
        duration = meter.CreateHistogram("weft.flow.execution.duration", "s", "Time an automated execution took, by agent and outcome.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = FlowTelemetry.Seconds });
    }

    public void Started(long tenant, string agent) => started.Add(1, Tags(tenant, agent));

    public void Ended(long tenant, string agent, string outcome, TimeSpan elapsed)
    {
        (outcome == Succeeded ? succeeded : failed).Add(1, Tags(tenant, agent));
        var tags = Tags(tenant, agent);
        tags.Add("outcome", outcome);
        duration.Record(elapsed.TotalSeconds, tags);
    }

    // Agent keys are a tenant's own: the tenant tag tells two tenants' "eve" apart (and /metrics shows each tenant its own).
    private static TagList Tags(long tenant, string agent) =>
        new() { { "tenant", tenant.ToString(CultureInfo.InvariantCulture) }, { "agent", agent } };
}
