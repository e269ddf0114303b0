namespace Weft.Platform.Web.Modules;

/// <summary>One entry of the app's navigation: shown under its module's heading to callers holding <paramref name="Permission"/>.</summary>
/// <param name="Icon">A Material icon's SVG path data (MudBlazor's <c>Icons.Material.*</c> values).</param>
public sealed record NavEntry(string Title, string Href, string Icon, string Permission, int Order = 0);
