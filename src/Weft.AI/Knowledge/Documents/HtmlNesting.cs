using System.Text.RegularExpressions;

namespace Weft.AI.Knowledge.Documents;

/// <summary>
/// How deep a page's elements nest, counted from its tags before parsing. AngleSharp's tree builder slows with
/// the square of the elements open at once (20,000 unclosed &lt;div&gt;s take seconds, a 20 MB file of them
/// hours), so a page nested deeper than any real one is refused instead of parsed. Elements that close
/// themselves (&lt;br&gt;) or whose end tag may be left out (&lt;p&gt;, &lt;li&gt;, &lt;td&gt;) are not counted.
/// </summary>
internal static partial class HtmlNesting
{
    public const int MaxDepth = 4096;

    private static readonly HashSet<string> NotCounted = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param",
        "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot", "colgroup",
        "rb", "rt", "rtc", "rp", "html", "head", "body",
    };

    public static bool IsTooDeep(string html)
    {
        var depth = 0;
        foreach (Match tag in Tag().Matches(html))
        {
            if (tag.Groups["selfClosing"].Length > 0 || NotCounted.Contains(tag.Groups["name"].Value)) continue;
            if (tag.Groups["closing"].Length > 0) depth = Math.Max(0, depth - 1);
            else if (++depth > MaxDepth) return true;
        }
        return false;
    }

    [GeneratedRegex("<(?<closing>/?)(?<name>[A-Za-z][A-Za-z0-9-]*)[^<>]*?(?<selfClosing>/?)>")]
    private static partial Regex Tag();
}
