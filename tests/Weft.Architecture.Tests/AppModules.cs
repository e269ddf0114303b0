using System.Reflection;
using Weft.Platform.Web;
using Weft.Platform.Web.Modules;

namespace Weft.Architecture.Tests;

/// <summary>
/// The host's one list of modules (<c>Weft.Host.Modules.All</c>), read by reflection: the list is
/// internal, and reading it builds the module objects without starting anything.
/// </summary>
internal static class AppModules
{
    private const string ListTypeName = "Weft.Host.Modules";

    /// <summary>The type that holds the list: the one place in the host allowed to name modules.</summary>
    public static Type ListType { get; } = SourceProjects.Host.Assembly.GetType(ListTypeName)
        ?? throw new InvalidOperationException($"Weft.Host has no {ListTypeName}: the architecture tests find the modules there.");

    public static IReadOnlyList<WeftModule> All { get; } = Read();

    /// <summary>
    /// The assemblies of the app's modules; the platform's own part (<see cref="PlatformModule"/>) is
    /// the shared ground every module stands on, not a module of its own.
    /// </summary>
    public static IReadOnlyList<Assembly> Assemblies { get; } =
    [
        .. All.Where(m => m is not PlatformModule).Select(m => m.GetType().Assembly).Distinct(),
    ];

    private static IReadOnlyList<WeftModule> Read()
    {
        var property = ListType.GetProperty("All", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            ?? throw new InvalidOperationException($"{ListTypeName} has no static All property.");
        var modules = property.GetValue(null) as IReadOnlyList<WeftModule>
            ?? throw new InvalidOperationException($"{ListTypeName}.All is not an IReadOnlyList<WeftModule>.");
        if (!modules.Any(m => m is not PlatformModule))
            throw new InvalidOperationException($"{ListTypeName}.All names no module: the module rules would check nothing.");
        return modules;
    }
}
