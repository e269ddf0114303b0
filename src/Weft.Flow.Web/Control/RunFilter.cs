namespace Weft.Flow.Web.Control;

/// <summary>What the Run board is narrowed to: one job, one capability, one agent (null: all).</summary>
public sealed record RunFilter(long? Job = null, string? Capability = null, string? Agent = null)
{
    public bool Keeps(RunCard card) =>
        (Job is null || card.Item.JobId == Job)
        && (Capability is null || card.Item.Capability == Capability)
        && (Agent is null || card.Item.Agent == Agent);
}
