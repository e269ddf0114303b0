using System.Reflection;

namespace Weft.Architecture.Tests;

public sealed class CrossingModuleBoundaries
{
    [Fact]
    public void A_module_uses_another_module_only_through_its_contracts()
    {
        var violations =
            from module in AppModules.Assemblies
            from other in AppModules.Assemblies
            where other != module
            from violation in TypeDependencies.On(module, other.GetTypes().Where(t => !CompilerGenerated.Is(t) && !IsContract(t, other)))
            select $"{violation} (open only through {ContractsOf(other)})";

        violations.ShouldBeNone("A module uses another module's assembly only through that module's <RootNamespace>.Contracts namespace and below.");
    }

    [Fact]
    public void A_module_uses_the_engine_only_through_its_public_types()
    {
        var hidden = SourceProjects.Engine.DeclaredTypes.Where(t => !t.IsVisible).ToList();
        var violations =
            from module in AppModules.Assemblies
            where module != SourceProjects.Engine.Assembly
            from violation in TypeDependencies.On(module, hidden)
            select $"{violation} (not public)";

        violations.ShouldBeNone("A module uses Weft.Flow, the engine, only through its public types.");
    }

    private static string ContractsOf(Assembly module) => module.GetName().Name + ".Contracts";

    private static bool IsContract(Type type, Assembly module)
    {
        var contracts = ContractsOf(module);
        return type.Namespace is { } ns && (ns == contracts || ns.StartsWith(contracts + ".", StringComparison.Ordinal));
    }
}
