namespace Weft.Flow.Contracts;

/// <summary>
/// Where a job's pieces are: its top-level tokens by outcome (replacements included, branches not), and
/// whether any work has started on it.
/// </summary>
/// <param name="Live">Tokens still travelling (active, split or waiting).</param>
/// <param name="Completed">Tokens that reached an end node.</param>
/// <param name="Replaced">Tokens cancelled with a replacement issued (a QC failure or a redesign).</param>
/// <param name="Cancelled">Tokens cancelled for good.</param>
/// <param name="WorkStarted">Whether a work item of the job was ever started.</param>
public sealed record JobProgressDto(long JobId, string State, int Live, int Completed, int Replaced, int Cancelled, bool WorkStarted);
