namespace Weft.Flow.Web.Work;

/// <summary>A button pressed on a line of My work; <paramref name="Outcome"/> is what a completion reports.</summary>
public sealed record WorkAction(WorkLine Line, WorkVerb Verb, string? Outcome = null);
