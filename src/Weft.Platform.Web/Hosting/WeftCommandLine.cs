using Microsoft.AspNetCore.Builder;
using Weft.Platform.Web.Modules;

namespace Weft.Platform.Web.Hosting;

/// <summary>
/// Runs a module's command-line command, or <c>migrate</c>, instead of the web server: builds the
/// host with the remaining arguments as configuration, brings every module's tables up to date in
/// module-list order, then runs the command.
/// </summary>
public static class WeftCommandLine
{
    public static bool Handles(string[] args, IReadOnlyList<WeftModule> modules) =>
        args is ["migrate", ..] || (args.Length >= 2 && Find(args, modules) is not null);

    public static async Task<int> RunAsync(string[] args, IReadOnlyList<WeftModule> modules, Func<string[], WebApplication> build)
    {
        var command = args is ["migrate", ..] ? null : Find(args, modules);
        var skip = command is null ? 1 : 2;
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var config = new List<string>();
        for (var i = skip; i < args.Length; i++)
        {
            if (command is not null && args[i].StartsWith("--", StringComparison.Ordinal) && command.Options.Contains(args[i][2..]) && i + 1 < args.Length)
                options[args[i][2..]] = args[++i];
            else
                config.Add(args[i]);
        }
        await using var app = build([.. config]);
        await StartupWork.MigrateAsync(app.Services, new ModuleList(modules), CancellationToken.None);
        if (command is null)
        {
            Console.WriteLine("Every module's tables are up to date.");
            return 0;
        }
        return await command.RunAsync(app.Services, options);
    }

    private static CliCommand? Find(string[] args, IReadOnlyList<WeftModule> modules) =>
        modules.SelectMany(m => m.Commands).FirstOrDefault(c => c.Noun == args[0] && c.Verb == args[1]);
}
