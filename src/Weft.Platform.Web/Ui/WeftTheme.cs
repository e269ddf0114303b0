using MudBlazor;

namespace Weft.Platform.Web.Ui;

/// <summary>The app's look, light and dark; the choice is a cookie the theme switch sets.</summary>
public static class WeftTheme
{
    public const string Cookie = "weft.theme";
    public const string Dark = "dark";
    public const string Light = "light";

    /// <summary>The light theme's app bar: also the installed app's title bar (its manifest's and pages' <c>theme_color</c>).</summary>
    public const string AppBar = "#283593";

    public static MudTheme Theme { get; } = new()
    {
        // Colours chosen for WCAG AA contrast of text on them and of them on the background (axe checks both).
        PaletteLight = new PaletteLight
        {
            Primary = "#3949ab",
            Secondary = "#00695c",
            Error = "#c62828",
            Warning = "#9a4a00",
            Success = "#2e7d32",
            Info = "#1565c0",
            AppbarBackground = AppBar,
            TextSecondary = "rgba(0,0,0,0.70)",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#9fa8da",
            PrimaryContrastText = "rgba(0,0,0,0.87)",
            Secondary = "#80cbc4",
            SecondaryContrastText = "rgba(0,0,0,0.87)",
            Error = "#ef9a9a",
            ErrorContrastText = "rgba(0,0,0,0.87)",
            Warning = "#ffcc80",
            WarningContrastText = "rgba(0,0,0,0.87)",
            AppbarBackground = "#1a237e",
            TextSecondary = "rgba(255,255,255,0.78)",
        },
    };
}
