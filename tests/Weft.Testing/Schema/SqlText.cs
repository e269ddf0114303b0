using System.Text.RegularExpressions;

namespace Weft.Testing.Schema;

/// <summary>
/// Makes SQL fragments read back from a database comparable: identifiers unquoted, whitespace
/// collapsed, parentheses around the whole expression (PostgreSQL adds them) removed.
/// </summary>
public static partial class SqlText
{
    public static string Normalize(string sql)
    {
        var text = Whitespace().Replace(Unquote(sql), " ").Trim();
        while (text.Length > 1 && text[0] == '(' && ClosingParenthesis(text) == text.Length - 1) text = text[1..^1].Trim();
        return text;
    }

    public static string Unquote(string identifier) => identifier.Replace("\"", "", StringComparison.Ordinal);

    private static int ClosingParenthesis(string text)
    {
        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '(') depth++;
            else if (text[i] == ')' && --depth == 0) return i;
        }
        return -1;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
