using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Weft.Flow;

/// <summary>The engine's meter and activity source, both named <see cref="Name"/>, for the host to export.</summary>
public static class FlowTelemetry
{
    public const string Name = "Weft.Flow";

    /// <summary>Spans of engine commands and automated executions.</summary>
    internal static readonly ActivitySource Source = new(Name);

    /// <remarks>From the host's factory when there is one: two hosts in one process (tests) then keep their figures apart.</remarks>
    internal static Meter Meter(IMeterFactory? factory) => factory?.Create(Name) ?? new Meter(Name);

    /// <summary>Bucket bounds in seconds, from a fast command to a slow automated agent.</summary>
    internal static readonly double[] Seconds = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];
}
