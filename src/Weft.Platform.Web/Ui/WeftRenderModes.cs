using Microsoft.AspNetCore.Components.Web;

namespace Weft.Platform.Web.Ui;

/// <summary>
/// How pages render: statically unless they must be live. Live pages are prerendered (their title
/// and first content arrive with the document), then connect; <see cref="LivePage"/> marks its root
/// <c>data-live="connected"</c> once the page acts on clicks.
/// </summary>
public static class WeftRenderModes
{
    public static readonly InteractiveServerRenderMode Live = new(prerender: true);
}
