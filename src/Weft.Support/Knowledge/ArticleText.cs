using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Weft.Support.Knowledge;

/// <summary>
/// An article's Markdown as HTML for the help center and as plain text. Raw HTML in it is shown as text and links go
/// only to http(s), mail and relative addresses, so an article cannot carry script into the public page.
/// </summary>
internal static class ArticleText
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UseAutoLinks().UsePipeTables().UseEmphasisExtras().Build();

    public static string Html(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (!IsSafe(link.Url)) link.Url = "#";
        }
        foreach (var link in document.Descendants<AutolinkInline>())
        {
            if (!link.IsEmail && !IsSafe(link.Url)) link.Url = "#";
        }
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    public static string Excerpt(string markdown, int length = 200)
    {
        var text = string.Join(' ', Markdown.ToPlainText(markdown, Pipeline).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (text.Length <= length) return text;
        var cut = text.LastIndexOf(' ', length - 1);
        return text[..(cut > 0 ? cut : length)].TrimEnd(',', '.', ';', ':') + "…";
    }

    /// <summary>What the AI's knowledge base holds of an article: its title as the heading, then its text.</summary>
    public static string ForKnowledge(string title, string markdown) => $"# {title}\n\n{markdown}\n";

    private static bool IsSafe(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return true;
        var u = url.Trim();
        var colon = u.IndexOf(':', StringComparison.Ordinal);
        var slash = u.IndexOfAny(['/', '?', '#']);
        if (colon < 0 || (slash >= 0 && slash < colon)) return true;
        var scheme = u[..colon].ToLowerInvariant();
        return scheme is "http" or "https" or "mailto";
    }
}
