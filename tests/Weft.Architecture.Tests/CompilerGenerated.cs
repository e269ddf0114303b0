using System.Runtime.CompilerServices;

namespace Weft.Architecture.Tests;

/// <summary>
/// Types nobody wrote: closures, state machines, collection-expression wrappers, embedded attributes,
/// and the Razor compiler's generic type-inference helpers (namespace <c>__Blazor.*</c>).
/// </summary>
internal static class CompilerGenerated
{
    public static bool Is(Type type) =>
        type.Name.StartsWith('<') || type.Name == "<Module>" || type.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false)
        || type.Namespace?.StartsWith("__Blazor.", StringComparison.Ordinal) == true
        || (type.DeclaringType is { } outer && Is(outer));
}
