namespace Weft.Platform.Web.Modules;

/// <summary>One entry of the app's navigation: shown to callers holding <paramref name="Permission"/>, under <paramref name="Group"/> (the module's name when null).</summary>
/// <param name="Icon">A Material icon's SVG (MudBlazor's <c>Icons.Material.*</c> values).</param>
public sealed record NavEntry(string Title, string Href, string Icon, string Permission, int Order = 0, string? Group = null);
