namespace Weft.Architecture.Tests;

public sealed class KeepingTheEngineApart
{
    private const string AspNetCore = "Microsoft.AspNetCore";

    [Fact]
    public void The_engine_depends_on_nothing_Weft_but_Platform() =>
        WeftDependencies.Of(SourceProjects.Engine, SourceProjects.Platform)
            .ShouldBeNone("Weft.Flow, the engine, depends on nothing Weft but Weft.Platform.");

    [Fact]
    public void The_engine_depends_on_no_AspNetCore_namespace()
    {
        var engine = SourceProjects.Engine.Assembly;
        var byType = TypeDependencies.OnNamespace(engine, AspNetCore);
        var byReference = engine.GetReferencedAssemblies()
            .Where(reference => reference.Name!.StartsWith(AspNetCore + ".", StringComparison.Ordinal))
            .Select(reference => $"Weft.Flow references the assembly {reference.Name}");

        byType.Concat(byReference).ShouldBeNone($"Weft.Flow, the engine, depends on no {AspNetCore} namespace: it runs without a web host.");
    }
}
