using System.Reflection;
using NetArchTest.Rules;

namespace Weft.Architecture.Tests;

/// <summary>
/// Which types of an assembly use which others, found by NetArchTest in their IL (signatures,
/// bodies, attributes, generic arguments). Each finding reads "<c>Writer uses Dependency</c>".
/// </summary>
internal static class TypeDependencies
{
    /// <summary>
    /// The types of <paramref name="assembly"/> that use any of <paramref name="targets"/>.
    /// Targets are searched by full type name, never by namespace prefix: <c>Weft.Flow</c> (the
    /// engine) and <c>Weft.Flow.Web</c> (a module) share a prefix but not an assembly. NetArchTest
    /// names one dependency per failing type, so each target assembly is searched on its own and a
    /// type that reaches into two assemblies is reported for both.
    /// </summary>
    public static IReadOnlyList<string> On(Assembly assembly, IEnumerable<Type> targets, Func<string, bool>? exempt = null) =>
    [
        .. targets.GroupBy(t => t.Assembly)
            .SelectMany(group => Search(assembly, [.. group.Select(t => t.FullName!).Distinct()], exempt))
            .Distinct()
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>The types of <paramref name="assembly"/> that use anything in <paramref name="namespace"/> or below.</summary>
    public static IReadOnlyList<string> OnNamespace(Assembly assembly, string @namespace) => Search(assembly, [@namespace], null);

    private static IReadOnlyList<string> Search(Assembly assembly, string[] names, Func<string, bool>? exempt)
    {
        if (names.Length == 0) return [];
        var result = Types.InAssembly(assembly).Should().NotHaveDependencyOnAny(names).GetResult();
        if (result.IsSuccessful) return [];
        return
        [
            .. result.FailingTypes
                .Select(t => (Writer: WrittenType(t.FullName), Dependency: DependencyIn(t.Explanation)))
                .Where(f => exempt is null || !exempt(f.Writer))
                .Distinct()
                .OrderBy(f => f.Writer, StringComparer.Ordinal)
                .Select(f => $"{f.Writer} uses {f.Dependency}"),
        ];
    }

    /// <summary>
    /// The type a person wrote: a lambda's closure or an async state machine
    /// (<c>FlowEndpoints/&lt;&gt;c/&lt;&lt;MapWeftFlow&gt;b__0_1&gt;d</c>) is reported as its outer type.
    /// </summary>
    private static string WrittenType(string fullName)
    {
        var parts = fullName.Split('/');
        var written = parts.TakeWhile((part, i) => i == 0 || !part.StartsWith('<')).ToArray();
        return string.Join('+', written);
    }

    private static string DependencyIn(string? explanation)
    {
        const string Prefix = "Has dependency on: ";
        if (string.IsNullOrEmpty(explanation)) return "(a forbidden type)";
        return explanation.StartsWith(Prefix, StringComparison.Ordinal) ? explanation[Prefix.Length..] : explanation;
    }
}
