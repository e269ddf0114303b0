namespace Weft.Architecture.Tests;

public sealed class ComposingInTheHost
{
    [Fact]
    public void Nothing_in_src_depends_on_the_host()
    {
        var host = SourceProjects.Host;
        var violations =
            from project in SourceProjects.Except(host)
            from violation in TypeDependencies.On(project.Assembly, host.DeclaredTypes)
                .Concat(project.Assembly.GetReferencedAssemblies().Where(r => r.Name == host.Name).Select(_ => $"{project.Name} references the assembly {host.Name}"))
                .Concat(ProjectReferencesTo(project, host))
            select violation;

        violations.ShouldBeNone("Nothing in src depends on Weft.Host: the host composes the app and sits on top.");
    }

    [Fact]
    public void The_host_names_no_module_type_beyond_its_module_list()
    {
        var host = SourceProjects.Host.Assembly;
        var list = AppModules.ListType.FullName!;
        var entryPoint = host.EntryPoint?.DeclaringType?.FullName;
        var moduleTypes = AppModules.Assemblies.Append(SourceProjects.Engine.Assembly).Distinct()
            .SelectMany(m => m.GetTypes().Where(t => !CompilerGenerated.Is(t)));

        TypeDependencies.On(host, moduleTypes, exempt: writer => writer == list || writer.StartsWith(list + "+", StringComparison.Ordinal) || writer == entryPoint)
            .ShouldBeNone($"Weft.Host names modules (and the engine, Weft.Flow) only in its one module list, {list}.");
    }

    [Fact]
    public void The_host_sources_import_no_module_namespace_beyond_the_module_list()
    {
        var host = SourceProjects.Host;
        var listFile = AppModules.ListType.Name + ".cs";
        var engine = SourceProjects.Engine.Name;
        var roots = AppModules.Assemblies.Select(a => a.GetName().Name!).Where(name => name != engine)
            .Select(name => (Root: name, What: "module " + name))
            .Append((Root: engine, What: "the engine " + engine))
            .OrderByDescending(r => r.Root.Length) // Weft.Flow.Web is a module's, not the engine's (Weft.Flow)
            .ToList();
        var violations =
            from file in host.Files("*.cs").Concat(host.Files("*.razor"))
            where Path.GetRelativePath(host.Directory, file) != listFile
            from import in CSharpSource.Imports(File.ReadAllText(file))
            let owner = roots.FirstOrDefault(r => import.Namespace == r.Root || import.Namespace.StartsWith(r.Root + ".", StringComparison.Ordinal))
            where owner.Root is not null
            select $"{Repository.Relative(file)}:{import.Line} imports {import.Namespace} ({owner.What})";

        violations.ShouldBeNone($"Weft.Host's code and markup import module namespaces (and the engine's) only in src/Weft.Host/{listFile}.");
    }

    private static IEnumerable<string> ProjectReferencesTo(SourceProject project, SourceProject target)
    {
        var csproj = Path.Combine(project.Directory, project.Name + ".csproj");
        return File.ReadAllText(csproj).Contains(target.Name + ".csproj", StringComparison.OrdinalIgnoreCase)
            ? [$"{Repository.Relative(csproj)} references {target.Name}.csproj"]
            : [];
    }
}
