using NetArchTest.Rules;

namespace Weft.Architecture.Tests;

public sealed class NamingNamespacesAfterFolders
{
    [Fact]
    public void Every_source_file_declares_the_namespace_of_its_folder()
    {
        var violations =
            from project in SourceProjects.All
            from file in project.Files("*.cs")
            from violation in Check(project, file)
            select violation;

        violations.ShouldBeNone("A file's namespace is its project's root namespace plus its folder path (src/Weft.Identity/Users/CreateUser.cs: Weft.Identity.Users).");
    }

    [Fact]
    public void Every_type_lives_in_the_namespace_of_its_folder()
    {
        var violations =
            from project in SourceProjects.All
            let entryPoint = project.Assembly.EntryPoint?.DeclaringType
            from type in Types.InAssembly(project.Assembly).GetTypes()
            let reflected = type.ReflectionType
            where reflected is not null && !reflected.IsNested && !CompilerGenerated.Is(reflected) && reflected != entryPoint
            let violation = Check(project, reflected, type.SourceFilePath)
            where violation is not null
            select violation;

        violations.ShouldBeNone("Every type of a src assembly is in its project's root namespace plus the folder path of the file that declares it.");
    }

    private static IEnumerable<string> Check(SourceProject project, string file)
    {
        var text = File.ReadAllText(file);
        var expected = project.NamespaceOf(Path.GetDirectoryName(file)!);
        var declared = CSharpSource.DeclaredNamespaces(text);
        if (declared.Count == 0)
            return CSharpSource.HasTopLevelStatements(text) ? [] : [$"{Repository.Relative(file)} declares no namespace; expected {expected}"];
        return declared.Where(ns => ns != expected).Select(ns => $"{Repository.Relative(file)} declares {ns}; its folder says {expected}");
    }

    private static string? Check(SourceProject project, Type type, string? sourceFile)
    {
        var ns = type.Namespace ?? "(none)";
        if (ns != project.Name && !ns.StartsWith(project.Name + ".", StringComparison.Ordinal))
            return $"{type.FullName} is in {ns}, outside {project.Name}'s root namespace";

        if (FileOf(project, sourceFile) is { } file)
        {
            var expected = project.NamespaceOf(Path.GetDirectoryName(file)!);
            return ns == expected ? null : $"{type.FullName} is in {ns}, but is written in {Repository.Relative(file)}, whose folder says {expected}";
        }

        // Without a source line to go by (an enum, an interface), the namespace must at least name a folder.
        var folder = Path.Combine([project.Directory, .. ns[project.Name.Length..].Split('.', StringSplitOptions.RemoveEmptyEntries)]);
        return Directory.Exists(folder) ? null : $"{type.FullName} is in {ns}, which has no folder {Repository.Relative(folder)}";
    }

    /// <summary>
    /// The project file a type's debug symbols point to, wherever the build ran (a CI build may map
    /// paths to <c>/_/</c>); null for code generated into obj/ or outside the project.
    /// </summary>
    private static string? FileOf(SourceProject project, string? sourceFile)
    {
        if (string.IsNullOrEmpty(sourceFile)) return null;
        var path = sourceFile.Replace('\\', '/');
        var marker = $"/src/{project.Name}/";
        var at = path.LastIndexOf(marker, StringComparison.Ordinal);
        if (at < 0) return null;
        var relative = path[(at + marker.Length)..];
        if (relative.StartsWith("obj/", StringComparison.Ordinal) || relative.StartsWith("bin/", StringComparison.Ordinal)) return null;
        return Path.Combine([project.Directory, .. relative.Split('/')]);
    }
}
