namespace Weft.Architecture.Tests;

/// <summary>Every project under <c>src/</c>, found on disk so that a new module is checked without naming it here.</summary>
internal static class SourceProjects
{
    public static IReadOnlyList<SourceProject> All { get; } =
    [
        .. Directory.GetDirectories(Repository.Src)
            .Where(dir => File.Exists(Path.Combine(dir, Path.GetFileName(dir) + ".csproj")))
            .Select(dir => new SourceProject(Path.GetFileName(dir), dir))
            .OrderBy(p => p.Name, StringComparer.Ordinal),
    ];

    public static SourceProject Platform => Named("Weft.Platform");

    public static SourceProject PlatformWeb => Named("Weft.Platform.Web");

    public static SourceProject Engine => Named("Weft.Flow");

    public static SourceProject Host => Named("Weft.Host");

    public static SourceProject Named(string name) =>
        All.SingleOrDefault(p => p.Name == name) ?? throw new InvalidOperationException($"No project src/{name}.");

    /// <summary>Every project but the given ones.</summary>
    public static IReadOnlyList<SourceProject> Except(params SourceProject[] excluded) => [.. All.Where(p => !excluded.Contains(p))];
}
