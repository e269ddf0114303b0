namespace Weft.AI.Personas;

/// <summary>Two versions of instructions compared line by line (longest common subsequence), as a reviewer reads a change.</summary>
internal static class PersonaDiff
{
    public const string Same = "same";
    public const string Added = "added";
    public const string Removed = "removed";

    public static IReadOnlyList<DiffLine> Of(string before, string after)
    {
        var a = Lines(before);
        var b = Lines(after);
        // lcs[i, j]: the longest common subsequence of a[i..] and b[j..].
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
            for (var j = b.Length - 1; j >= 0; j--)
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        var lines = new List<DiffLine>();
        int x = 0, y = 0;
        while (x < a.Length && y < b.Length)
        {
            if (a[x] == b[y])
            {
                lines.Add(new DiffLine(Same, a[x]));
                x++;
                y++;
            }
            else if (lcs[x + 1, y] >= lcs[x, y + 1]) lines.Add(new DiffLine(Removed, a[x++]));
            else lines.Add(new DiffLine(Added, b[y++]));
        }
        while (x < a.Length) lines.Add(new DiffLine(Removed, a[x++]));
        while (y < b.Length) lines.Add(new DiffLine(Added, b[y++]));
        return lines;
    }

    private static string[] Lines(string text) => text.Length == 0 ? [] : text.ReplaceLineEndings("\n").Split('\n');
}

/// <summary>One line of a diff: the same in both, added by the later version, or removed from the earlier.</summary>
public sealed record DiffLine(string Kind, string Text);
