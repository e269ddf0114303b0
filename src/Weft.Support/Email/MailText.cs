using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using MimeKit;

namespace Weft.Support.Email;

/// <summary>
/// The words a customer wrote in a mail: its text part (or its HTML part crudely turned into text), without the
/// quoted history a mail client appends under "On … wrote:" or as lines starting with "&gt;".
/// </summary>
internal static partial class MailText
{
    public static string Of(MimeMessage message)
    {
        var text = message.TextBody ?? (message.HtmlBody is { } html ? FromHtml(html) : "");
        return StripQuoted(text);
    }

    public static string StripQuoted(string text)
    {
        var kept = new List<string>();
        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.TrimEnd();
            if (line.TrimStart().StartsWith('>')) continue;
            // Where the client starts quoting, the customer's own words end.
            if (Attribution().IsMatch(line) || line.Trim() is "-----Original Message-----" or "________________________________") break;
            // An attribution may wrap onto two lines ("On Mon, 1 Dec 2026, Ana <ana@example.com>\nwrote:").
            if (line.Trim().Equals("wrote:", StringComparison.OrdinalIgnoreCase) && kept.Count > 0 && AttributionStart().IsMatch(kept[^1]))
            {
                kept.RemoveAt(kept.Count - 1);
                break;
            }
            kept.Add(line);
        }
        return string.Join("\n", kept).Trim();
    }

    public static string FromHtml(string html)
    {
        var text = Hidden().Replace(html, "");
        text = Breaks().Replace(text, "\n");
        text = Blockquotes().Replace(text, "");
        text = Tags().Replace(text, "");
        text = WebUtility.HtmlDecode(text);
        var lines = text.Split('\n').Select(l => Spaces().Replace(l, " ").Trim());
        var result = new StringBuilder();
        var blank = 0;
        foreach (var line in lines)
        {
            blank = line.Length == 0 ? blank + 1 : 0;
            if (blank <= 1) result.Append(line).Append('\n');
        }
        return result.ToString().Trim();
    }

    [GeneratedRegex(@"^\s*On\s.+\bwrote:\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Attribution();

    [GeneratedRegex(@"^\s*On\s.+(\d{4}|@).*$", RegexOptions.IgnoreCase)]
    private static partial Regex AttributionStart();

    [GeneratedRegex(@"<(script|style|head)\b[^>]*>.*?</\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Hidden();

    [GeneratedRegex(@"<blockquote\b.*?</blockquote\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Blockquotes();

    [GeneratedRegex(@"<\s*(br|/p|/div|/li|/tr|/h[1-6])\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Breaks();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"[ \t\u00a0]+")]
    private static partial Regex Spaces();
}
