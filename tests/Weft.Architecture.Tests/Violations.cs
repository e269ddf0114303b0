namespace Weft.Architecture.Tests;

/// <summary>Fails a rule with every breach listed, one per line, so the message says what to fix.</summary>
internal static class Violations
{
    public static void ShouldBeNone(this IEnumerable<string> violations, string rule)
    {
        var found = violations.ToList();
        if (found.Count == 0) return;
        throw new ShouldAssertException(
            $"{rule}{Environment.NewLine}{found.Count} violation(s):{Environment.NewLine}  - "
            + string.Join($"{Environment.NewLine}  - ", found));
    }
}
