namespace Weft.Architecture.Tests;

/// <summary>The checkout the tests run from: found by walking up from the test binaries to <c>Weft.slnx</c>.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Src { get; } = Path.Combine(Root, "src");

    /// <summary>A path relative to the repository root, with forward slashes, as a reader would type it.</summary>
    public static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Weft.slnx"))) return dir.FullName;
        }

        throw new InvalidOperationException($"No Weft.slnx above {AppContext.BaseDirectory}.");
    }
}
