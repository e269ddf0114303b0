using Weft.Flow.Contracts;

namespace Weft.Flow.Web.Control;

/// <summary>One step of one graph version on the Run board: its open work by state, the most urgent first.</summary>
public sealed record RunLane(string Graph, int Version, string Node, string Step, IReadOnlyDictionary<string, IReadOnlyList<RunCard>> Cells)
{
    /// <summary>The columns of the board, in the order work moves through them.</summary>
    public static readonly string[] States = [WorkItemStates.Ready, WorkItemStates.Assigned, WorkItemStates.InProgress, WorkItemStates.Paused];

    public int Total => Cells.Values.Sum(c => c.Count);

    public IReadOnlyList<RunCard> In(string state) => Cells.TryGetValue(state, out var cards) ? cards : [];
}
