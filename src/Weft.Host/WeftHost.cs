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
        app.MapWeftModules();
        return app;
    }

    /// <summary>Runs a command-line command (<c>migrate</c>, or a module's) instead of the server, if the arguments name one.</summary>
    public static bool IsCommand(string[] args) => WeftCommandLine.Handles(args, Modules.All);

    public static Task<int> RunCommandAsync(string[] args) => WeftCommandLine.RunAsync(args, Modules.All, Build);
}
