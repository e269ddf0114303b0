namespace Weft.Flow.Web.Ui;

/// <summary>States the engine's lists filter on that its contracts name nowhere else.</summary>
public static class FlowStates
{
    public const string OpenEntry = "open";
    public const string ActiveJob = "active";
}
