namespace Weft.Platform.Web.Modules;

/// <summary>Navigation groups that several modules add entries to.</summary>
public static class NavGroups
{
    /// <summary>
    /// The control center: one page with several modes (Run and Inspect from the engine, Plan from production), each
    /// a navigation entry of this group, switched with <c>ModeTabs</c>.
    /// </summary>
    public const string ControlCenter = "Control center";
}
