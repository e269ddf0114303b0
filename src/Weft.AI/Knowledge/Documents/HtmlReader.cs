using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Weft.AI.Knowledge.Documents;

/// <summary>
/// HTML: the page's readable content. Scripts, styles and the page's furniture (navigation, the site's header
/// and footer) are left out; h1–h6 make the heading path; each block element is a paragraph, a list item a
/// "- " line, a table one line per row with cells between " | ". AngleSharp decodes the entities.
/// </summary>
internal sealed class HtmlReader
{
    private static readonly HashSet<string> LeftOut =
        ["script", "style", "noscript", "template", "nav", "svg", "iframe", "object", "head"];

    // A header or footer inside one of these belongs to that content (an article's own title and byline),
    // not to the site's frame (the HTML spec's rule for the banner and contentinfo roles).
    private static readonly HashSet<string> Content = ["article", "aside", "main", "section"];

    private static readonly HashSet<string> Blocks =
    [
        "p", "div", "section", "article", "main", "aside", "header", "footer", "blockquote", "ul", "ol", "dl", "dt", "dd",
        "figure", "figcaption", "address", "details", "summary", "fieldset", "form", "hr", "caption", "center",
    ];

    private readonly SectionBuilder sections = new();
    private readonly StringBuilder paragraph = new();
    private bool listItemStarts;

    private HtmlReader() { }

    public static ExtractedDocument Read(string html, string fileTitle)
    {
        var page = new HtmlParser().ParseDocument(html);
        var reader = new HtmlReader();
        reader.Walk(page.Body ?? page.DocumentElement, inContent: false);
        reader.EndParagraph();
        var pageTitle = CleanText.OneLine(page.Title ?? "");
        return reader.sections.Build(reader.sections.FirstTopLevelHeading ?? (pageTitle.Length > 0 ? pageTitle : fileTitle));
    }

    private void Walk(INode node, bool inContent)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText text: AppendCollapsed(text.Data); break;
                case IElement element: Element(element, inContent); break;
            }
        }
    }

    private void Element(IElement element, bool inContent)
    {
        var name = element.LocalName;
        if (LeftOut.Contains(name) || (name is "header" or "footer" && !inContent)) return;
        switch (name)
        {
            case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                EndParagraph();
                sections.Heading(name[1] - '0', element.TextContent);
                return;
            case "br":
                paragraph.Append('\n');
                return;
            case "pre":
                EndParagraph();
                sections.Paragraph(element.TextContent);
                return;
            case "table" when element is IHtmlTableElement table:
                EndParagraph();
                sections.Paragraph(string.Join('\n', table.Rows.Select(Row).Where(row => row.Length > 0)));
                return;
            case "li":
                EndParagraph();
                listItemStarts = true;
                Walk(element, inContent);
                EndParagraph();
                listItemStarts = false;
                return;
        }
        var block = Blocks.Contains(name);
        if (block) EndParagraph();
        Walk(element, inContent || Content.Contains(name));
        if (block) EndParagraph();
    }

    private static string Row(IHtmlTableRowElement row)
    {
        var cells = row.Cells.Select(cell => CleanText.OneLine(cell.TextContent)).ToList();
        return cells.Any(cell => cell.Length > 0) ? string.Join(" | ", cells) : "";
    }

    // Inline whitespace in HTML is one space however it was written; only <br> breaks a line.
    private void AppendCollapsed(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                // The item's marker goes before its first word, even when that word sits in a <p> inside the <li>.
                if (listItemStarts) paragraph.Append("- ");
                listItemStarts = false;
                paragraph.Append(c);
            }
            else if (paragraph.Length > 0 && paragraph[^1] is not (' ' or '\n')) paragraph.Append(' ');
        }
    }

    private void EndParagraph()
    {
        var lines = paragraph.ToString().Split('\n').Select(line => line.Trim());
        sections.Paragraph(string.Join('\n', lines));
        paragraph.Clear();
    }
}
