using Weft.Platform.Events;

namespace Weft.Flow.Contracts;

/// <summary>
/// A job ended: its last live token completed (<paramref name="State"/> <c>completed</c>) or every token was
/// cancelled (<c>cancelled</c>). Published with the change that ended it, one event per job.
/// </summary>
[IntegrationEvent("flow.job_ended")]
public sealed record JobEnded(long JobId, string Reference, string Graph, string State, DateTime At);
