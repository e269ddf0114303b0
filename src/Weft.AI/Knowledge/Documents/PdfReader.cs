using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.DocumentLayoutAnalysis;
using UglyToad.PdfPig.DocumentLayoutAnalysis.PageSegmenter;
using UglyToad.PdfPig.DocumentLayoutAnalysis.ReadingOrderDetector;
using UglyToad.PdfPig.DocumentLayoutAnalysis.WordExtractor;

namespace Weft.AI.Knowledge.Documents;

/// <summary>
/// PDF: each page's words grouped into blocks (Docstrum) and put in reading order, so columns do not interleave.
/// A PDF with bookmarks has them as its headings: a bookmark starts its section at the place on the page it
/// points to. A PDF without is cut into pages, each a section headed "Page N".
/// </summary>
internal static class PdfReader
{
    public static ExtractedDocument Read(ReadOnlyMemory<byte> content, string fileTitle)
    {
        using var pdf = PdfDocument.Open(content);
        var outline = PdfOutline.Of(pdf);
        var sections = new SectionBuilder();
        var next = 0;
        foreach (var page in pdf.GetPages())
        {
            if (outline.Count == 0) sections.Heading(1, $"Page {page.Number}");
            foreach (var block in Blocks(page))
            {
                var text = string.Join(' ', block.TextLines.Select(line => line.Text));
                var firstLine = block.TextLines[0].BoundingBox;
                for (; next < outline.Count && outline[next].StartsBefore(page.Number, firstLine.Bottom); next++)
                {
                    sections.Heading(outline[next].Level, outline[next].Title);
                    text = WithoutHeading(text, outline[next].Title);
                }
                sections.Paragraph(text);
            }
        }
        var title = CleanText.OneLine(outline.FirstOrDefault(bookmark => bookmark.Level == 1)?.Title ?? "");
        return sections.Build(title.Length > 0 ? title : fileTitle);
    }

    private static IEnumerable<TextBlock> Blocks(Page page)
    {
        if (page.Letters.Count == 0) return [];
        var words = NearestNeighbourWordExtractor.Instance.GetWords(page.Letters);
        var blocks = DocstrumBoundingBoxes.Instance.GetBlocks(words);
        return UnsupervisedReadingOrderDetector.Instance.Get(blocks);
    }

    // The bookmark's title is usually printed on the page too; the section's heading already says it.
    private static string WithoutHeading(string text, string heading)
    {
        var title = CleanText.OneLine(heading);
        return title.Length > 0 && text.StartsWith(title, StringComparison.OrdinalIgnoreCase) ? text[title.Length..].TrimStart() : text;
    }
}
