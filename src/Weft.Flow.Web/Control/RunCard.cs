using Weft.Flow.Contracts;

namespace Weft.Flow.Web.Control;

/// <summary>An open work item as the Run board shows it.</summary>
/// <param name="Job">The job's reference (<c>MO-00012</c>).</param>
/// <param name="Piece">The piece's serial (<c>MO-00012-003</c>), or the job's reference when the unit is not known.</param>
/// <param name="Step">The step's name in its graph.</param>
/// <param name="Token">The top-level token the item's piece is: what a cancellation names (a branch of a split is cancelled through it).</param>
/// <param name="Due">When the work is due: the item's own deadline, else its job's due date.</param>
public sealed record RunCard(WorkItemDto Item, string Job, string Piece, string Step, long Token, DateTime? Due)
{
    /// <summary>Names the item in the accessible names of its controls.</summary>
    public string Label => $"{Piece} · {Step} · item {Item.Id}";

    public bool IsLateAt(DateTime now) => Due is { } due && due < now;
}
