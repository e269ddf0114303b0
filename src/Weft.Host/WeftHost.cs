using Weft.Host.Components;
using Weft.Platform.Web.Hosting;

namespace Weft.Host;

/// <summary>The web app: the platform's conventions, the modules of <see cref="Modules"/>, and the layout.</summary>
internal static class WeftHost
{
    public static WebApplication Build(string[] args)
    {
        var builder = WeftApplication.CreateBuilder(args, Modules.All);
        var app = builder.Build();
        app.UseWeftPlatform();
        app.MapStaticAssets().AllowAnonymous();
        app.MapWeftModules();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .AddAdditionalAssemblies([.. Modules.All.Select(m => m.Pages).OfType<System.Reflection.Assembly>().Distinct()]);
        return app;
    }

    /// <summary>Runs a command-line command (<c>migrate</c>, or a module's) instead of the server, if the arguments name one.</summary>
    public static bool IsCommand(string[] args) => WeftCommandLine.Handles(args, Modules.All);

    /// <remarks>A command needs the modules' services and stores, not the web app's endpoints.</remarks>
    public static Task<int> RunCommandAsync(string[] args) =>
        WeftCommandLine.RunAsync(args, Modules.All, a => WeftApplication.CreateBuilder(a, Modules.All).Build());
}
