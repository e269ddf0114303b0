using System.Text;

namespace Weft.Flow.Web.Design;

/// <summary>The key a saved step gets from its name: lower case letters and digits, words joined by '-'.</summary>
public static class PresetKeys
{
    public static string From(string name)
    {
        var key = new StringBuilder();
        foreach (var c in name.Trim().ToLowerInvariant())
        {
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9')) key.Append(c);
            else if (key.Length > 0 && key[^1] != '-') key.Append('-');
            if (key.Length == 64) break;
        }
        var text = key.ToString().Trim('-');
        return text.Length == 0 ? "step" : text;
    }
}
