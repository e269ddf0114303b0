using System.Reflection;

namespace Weft.Architecture.Tests;

/// <summary>
/// A project under <c>src/</c>: its folder name is its assembly name and its root namespace.
/// </summary>
internal sealed record SourceProject(string Name, string Directory)
{
    private readonly Lazy<Assembly> _assembly = new(() => Load(Name));

    public Assembly Assembly => _assembly.Value;

    /// <summary>The types the project declares, compiler-generated ones left out.</summary>
    public IEnumerable<Type> DeclaredTypes => Assembly.GetTypes().Where(t => !CompilerGenerated.Is(t));

    /// <summary>The project's own source files matching <paramref name="pattern"/>, build output (bin, obj) left out.</summary>
    public IEnumerable<string> Files(string pattern) =>
        System.IO.Directory.EnumerateFiles(Directory, pattern, SearchOption.AllDirectories)
            .Where(file => !IsBuildOutput(Path.GetRelativePath(Directory, file)))
            .Order(StringComparer.Ordinal);

    /// <summary>The namespace a folder of the project stands for: the root namespace, then each folder below it.</summary>
    public string NamespaceOf(string folder)
    {
        var relative = Path.GetRelativePath(Directory, folder);
        return relative == "." ? Name : Name + "." + relative.Replace(Path.DirectorySeparatorChar, '.').Replace('/', '.');
    }

    public override string ToString() => Name;

    private static bool IsBuildOutput(string relativePath)
    {
        var first = relativePath.Split(Path.DirectorySeparatorChar, '/')[0];
        return first is "bin" or "obj";
    }

    private static Assembly Load(string name)
    {
        try
        {
            return Assembly.Load(new AssemblyName(name));
        }
        catch (FileNotFoundException e)
        {
            throw new InvalidOperationException(
                $"src/{name} is not built into the architecture tests: reference it from Weft.Architecture.Tests.csproj (or from Weft.Host).", e);
        }
    }
}
