namespace Weft.AI.Patterns;

/// <summary>The multi-agent patterns a tenant can make a graph of.</summary>
internal static class PatternKinds
{
    /// <summary>Agents one after another, each seeing what the ones before it wrote.</summary>
    public const string Sequential = "sequential";
    /// <summary>Agents at once on the same input; a lead aggregates their answers.</summary>
    public const string Parallel = "parallel";
    /// <summary>Agents argue over rounds, each round seeing the last; a judge decides.</summary>
    public const string Debate = "debate";
    /// <summary>A maker drafts, a checker approves or rejects; a rejected draft goes to a person (or ends rejected).</summary>
    public const string Verification = "verification";
    /// <summary>Specialists contribute at once; a lead synthesizes.</summary>
    public const string ExpertPanel = "expert_panel";
    /// <summary>An agent answers, or hands over to a person with a summary.</summary>
    public const string Handoff = "handoff";

    public static readonly IReadOnlyList<string> All = [Sequential, Parallel, Debate, Verification, ExpertPanel, Handoff];
}
