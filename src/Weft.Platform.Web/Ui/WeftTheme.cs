using MudBlazor;

namespace Weft.Platform.Web.Ui;

/// <summary>The app's look, light and dark; the choice is a cookie the theme switch sets.</summary>
public static class WeftTheme
{
    public const string Cookie = "weft.theme";
    public const string Dark = "dark";
    public const string Light = "light";

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3949ab",
            Secondary = "#00796b",
            AppbarBackground = "#283593",
            TextSecondary = "rgba(0,0,0,0.68)",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#9fa8da",
            Secondary = "#80cbc4",
            AppbarBackground = "#1a237e",
        },
    };
}
