namespace Weft.Architecture.Tests;

/// <summary>What a project uses of the other projects under <c>src/</c>, by type and by assembly reference.</summary>
internal static class WeftDependencies
{
    /// <summary>The uses <paramref name="project"/> makes of any src project but itself and <paramref name="allowed"/>.</summary>
    public static IEnumerable<string> Of(SourceProject project, params SourceProject[] allowed)
    {
        var forbidden = SourceProjects.Except([project, .. allowed]);
        var byType = TypeDependencies.On(project.Assembly, forbidden.SelectMany(p => p.DeclaredTypes));
        var byReference = project.Assembly.GetReferencedAssemblies()
            .Where(reference => forbidden.Any(p => p.Name == reference.Name))
            .Select(reference => $"{project.Name} references the assembly {reference.Name}");
        return byType.Concat(byReference);
    }
}
