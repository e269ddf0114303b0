using System.Text;

namespace Weft.AI.Knowledge.Documents;

/// <summary>The one shape every reader's text ends in, so chunking and search see the same text whatever the file type.</summary>
internal static class CleanText
{
    /// <summary>
    /// Line endings become <c>\n</c>; control characters (NUL would break PostgreSQL text), soft hyphens and stray
    /// byte-order marks go; non-breaking spaces become spaces; lines lose trailing spaces; a run of blank lines
    /// becomes one; no blank lines at either end. Indentation stays (it carries meaning in code and lists).
    /// </summary>
    public static string Of(string text)
    {
        var result = new StringBuilder(text.Length);
        var blankLines = 0;
        foreach (var line in Characters(text).Split('\n'))
        {
            var trimmed = line.TrimEnd();
            if (trimmed.Length == 0)
            {
                blankLines++;
                continue;
            }
            if (result.Length > 0) result.Append(blankLines > 0 ? "\n\n" : "\n");
            result.Append(trimmed);
            blankLines = 0;
        }
        return result.ToString();
    }

    /// <summary>Text for one line (a heading, a table cell): every run of whitespace becomes one space.</summary>
    public static string OneLine(string text) =>
        string.Join(' ', Of(text).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string Characters(string text)
    {
        var chars = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    break;
                case '\r' or '\u2028' or '\u2029':
                    chars.Append('\n');
                    break;
                case '\u00A0' or '\u202F':
                    chars.Append(' ');
                    break;
                case '\uFEFF' or '\u00AD':
                    break;
                case '\n' or '\t':
                    chars.Append(c);
                    break;
                default:
                    if (!char.IsControl(c)) chars.Append(c);
                    break;
            }
        }
        return chars.ToString();
    }
}
