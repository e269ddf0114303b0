using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Routing;

namespace Weft.Platform.Web.InstallableApp;

/// <summary>
/// The installable app's static shell: the files the service worker keeps for starting offline, at the URLs the pages
/// name (each with its content's hash, as <c>MapStaticAssets</c> serves them), the offline page, and the worker script
/// with its version: a hash of all of them, so that any change to the shell makes a new worker that the browser picks up.
/// </summary>
public sealed class AppShell(EndpointDataSource endpoints)
{
    public const string WorkerPath = "/service-worker.js";
    public const string OfflinePath = "/offline";
    public const string Manifest = "_content/Weft.Platform.Web/manifest.webmanifest";
    public const string Script = "_content/Weft.Platform.Web/weft-app.js";
    public const string Icon = "_content/Weft.Platform.Web/icons/weft-192.png";
    public const string TouchIcon = "_content/Weft.Platform.Web/icons/weft-180.png";
    private const string MudBlazorCss = "_content/MudBlazor/MudBlazor.min.css";
    private const string WeftCss = "_content/Weft.Platform.Web/weft.css";

    /// <summary>What every page loads first, and the icons: the shell, as paths of the static assets.</summary>
    private static readonly string[] Files =
    [
        MudBlazorCss, WeftCss, "_content/MudBlazor/MudBlazor.min.js", "_framework/blazor.web.js", Script, Manifest, Icon, TouchIcon,
        "_content/Weft.Platform.Web/icons/weft-512.png", "_content/Weft.Platform.Web/icons/weft-maskable-512.png",
    ];

    private readonly Lazy<(string Worker, string Offline, string Version)> built = new(() => Build(endpoints));

    /// <summary>The URL a page names for a static asset: its fingerprinted path when the app serves one.</summary>
    public static string Url(ResourceAssetCollection assets, string path) => "/" + assets[path].TrimStart('/');

    public string Worker => built.Value.Worker;

    public string OfflinePage => built.Value.Offline;

    public string Version => built.Value.Version;

    private static (string, string, string) Build(EndpointDataSource endpoints)
    {
        // The pages' assets (Razor components' endpoints carry the collection that @Assets reads).
        var assets = endpoints.Endpoints.Select(e => e.Metadata.GetMetadata<ResourceAssetCollection>()).FirstOrDefault(a => a is not null)
            ?? ResourceAssetCollection.Empty;
        var shell = Files.Select(f => Url(assets, f)).ToArray();
        var offline = Template("offline.html")
            .Replace("__THEME__", Ui.WeftTheme.AppBar, StringComparison.Ordinal)
            .Replace("__ICON__", Url(assets, Icon), StringComparison.Ordinal)
            .Replace("__WEFT_CSS__", Url(assets, WeftCss), StringComparison.Ordinal);
        var worker = Template("service-worker.js")
            .Replace("__OFFLINE__", OfflinePath, StringComparison.Ordinal)
            .Replace("__SHELL__", JsonSerializer.Serialize(shell), StringComparison.Ordinal);
        var version = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(worker + offline)))[..16];
        return (worker.Replace("__VERSION__", version, StringComparison.Ordinal), offline, version);
    }

    private static string Template(string name)
    {
        using var stream = typeof(AppShell).Assembly.GetManifestResourceStream($"Weft.Platform.Web.InstallableApp.{name}")
            ?? throw new InvalidOperationException($"The resource {name} is not in {typeof(AppShell).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
