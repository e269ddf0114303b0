namespace Weft.Commerce.Inbound;

/// <summary>Where a notice's flow is, in words, and the screen for its person's step.</summary>
internal static class InboundSteps
{
    public static string Describe(AsnDto notice) => notice.Step switch
    {
        InboundFlow.Receive => "waiting to be received",
        InboundFlow.PlanQc => "quality control being planned (software agent)",
        InboundFlow.Inspect => "waiting for inspection",
        InboundFlow.PlanPutaway => "putaway being planned (software agent)",
        InboundFlow.Putaway => "waiting to be put away",
        null when notice.State == AsnStates.PutAway => "stored",
        null => "between steps",
        { } other => other,
    };

    /// <summary>The screen of the notice's current person's step (null when software or nobody is at work).</summary>
    public static (string Href, string Verb)? Screen(AsnDto notice) => notice.Step switch
    {
        InboundFlow.Receive => ($"/commerce/inbound/{notice.Id}/receive", "Receive"),
        InboundFlow.Inspect => ($"/commerce/inbound/{notice.Id}/inspect", "Inspect"),
        InboundFlow.Putaway => ($"/commerce/inbound/{notice.Id}/putaway", "Put away"),
        _ => null,
    };

    /// <summary>Why the planner chose a bin.</summary>
    public static string Rule(string rule) => rule switch
    {
        "fixed_bin" => "the product's fixed bin",
        "consolidation" => "the same SKU is already there",
        "category_zone" => "a bin of its category's zone with room",
        "closest" => "the closest bin with room",
        _ => rule.Replace('_', ' '),
    };
}
