using System.Text.RegularExpressions;

namespace Weft.Architecture.Tests;

/// <summary>What the architecture tests read from C# and Razor text: namespace declarations and using directives.</summary>
internal static partial class CSharpSource
{
    /// <summary>The namespaces a file declares, file-scoped or in a block.</summary>
    public static IReadOnlyList<string> DeclaredNamespaces(string text) =>
        [.. NamespaceDeclaration().Matches(WithoutComments(text)).Select(m => m.Groups["name"].Value)];

    /// <summary>
    /// Whether the file's first line of code is a statement rather than a type declaration: the
    /// program's entry point, which C# puts in no namespace.
    /// </summary>
    public static bool HasTopLevelStatements(string text)
    {
        var firstCode = WithoutComments(text).Split('\n')
            .Select(line => line.Trim())
            .FirstOrDefault(line => line.Length > 0 && !IsPreamble(line));
        return firstCode is not null && !TypeDeclaration().IsMatch(firstCode);
    }

    /// <summary>The namespaces a C# or Razor file imports, with the line each import is on.</summary>
    public static IEnumerable<(int Line, string Namespace)> Imports(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var match = UsingDirective().Match(lines[i]);
            if (match.Success) yield return (i + 1, match.Groups["name"].Value);
        }
    }

    private static bool IsPreamble(string line) =>
        line.StartsWith("using ", StringComparison.Ordinal) || line.StartsWith("global using ", StringComparison.Ordinal)
        || line.StartsWith('#') || line.StartsWith('[');

    private static string WithoutComments(string text) => Comment().Replace(text, m => new string('\n', m.Value.Count(c => c == '\n')));

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"^\s*namespace\s+(?<name>[\w.]+)", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"^((public|internal|private|protected|file|static|sealed|abstract|partial|readonly|ref|unsafe|new)\s+)*(class|record|struct|interface|enum|delegate)\b")]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"^\s*(global\s+)?@?using\s+(static\s+)?(\w+\s*=\s*)?(?<name>[\w.]+)")]
    private static partial Regex UsingDirective();
}
