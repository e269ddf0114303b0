using Microsoft.AspNetCore.Components.Web;

namespace Weft.Platform.Web.Ui;

/// <summary>
/// How pages render: statically unless they must be live. Live pages are not prerendered: they show
/// their progress bar until the connection is up, so nothing on them looks clickable before it is.
/// </summary>
public static class WeftRenderModes
{
    public static readonly InteractiveServerRenderMode Live = new(prerender: false);
}
