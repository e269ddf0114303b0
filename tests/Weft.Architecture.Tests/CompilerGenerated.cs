using System.Runtime.CompilerServices;

namespace Weft.Architecture.Tests;

/// <summary>Types nobody wrote: closures, state machines, collection-expression wrappers, embedded attributes.</summary>
internal static class CompilerGenerated
{
    public static bool Is(Type type) =>
        type.Name.StartsWith('<') || type.Name == "<Module>" || type.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false)
        || (type.DeclaringType is { } outer && Is(outer));
}
