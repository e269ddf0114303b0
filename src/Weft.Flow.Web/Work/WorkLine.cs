using Weft.Flow.Contracts;

namespace Weft.Flow.Web.Work;

/// <summary>A work item as My work shows it: its job's reference, its step's name and the outcomes it completes with.</summary>
/// <param name="Outcomes">What the engine accepts when the item completes: pass or fail at a quality check, the labelled
/// ways on at a task with a choice, none (a plain completion) otherwise.</param>
public sealed record WorkLine(WorkItemDto Item, string Job, string Step, IReadOnlyList<string> Outcomes)
{
    /// <summary>Names the item in the accessible names of its buttons (a job of several pieces has one item per piece and step).</summary>
    public string Label => $"{Job} · {Step} · item {Item.Id}";
}
