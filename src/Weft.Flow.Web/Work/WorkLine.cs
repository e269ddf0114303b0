using Weft.Flow.Contracts;
using Weft.Flow.Web.Ui;

namespace Weft.Flow.Web.Work;

/// <summary>A work item as My work shows it: its job's reference, its piece, its step's name, the step's standard time
/// and the outcomes it completes with.</summary>
/// <param name="Unit">The unit (piece) of the job the item's token carries, when known.</param>
/// <param name="StandardMinutes">What the step should take, as its graph says (none when the graph does not say).</param>
/// <param name="Outcomes">What the engine accepts when the item completes: pass or fail at a quality check, the labelled
/// ways on at a task with a choice, none (a plain completion) otherwise.</param>
public sealed record WorkLine(WorkItemDto Item, string Job, string Step, IReadOnlyList<string> Outcomes, int? Unit = null, double? StandardMinutes = null)
{
    /// <summary>Names the item in the accessible names of its buttons (a job of several pieces has one item per piece and step).</summary>
    public string Label => $"{Piece} · {Step} · item {Item.Id}";

    /// <summary>The piece's serial as production prints it: the job's reference and the unit's number (<c>MO-00012-003</c>).</summary>
    public string Piece => Unit is { } unit ? PieceSerials.Of(Job, unit) : Job;

    /// <summary>Minutes worked on the item so far: the time banked by pauses and the running stretch up to <paramref name="now"/>.</summary>
    public double WorkedMinutes(DateTime now) =>
        (Item.WorkSeconds + (Item.RunningSince is { } since && now > since ? (now - since).TotalSeconds : 0)) / 60.0;
}
