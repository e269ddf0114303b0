using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Weft.AI.Knowledge.Documents;

/// <summary>
/// Word (.docx): the body's paragraphs in order. Paragraphs styled Title or Heading 1–6 (or given an outline
/// level) make the heading path; a numbered or bulleted paragraph becomes a "- " line; a table becomes one line
/// per row with its cells between " | ". Page headers, footers and comments are not the document's text.
/// </summary>
internal static class WordReader
{
    // A 20 MB .docx can unzip to gigabytes of XML; this bounds the main part well above any real document.
    private static readonly OpenSettings Settings = new() { MaxCharactersInPart = 200_000_000 };

    public static ExtractedDocument Read(ReadOnlyMemory<byte> content, string fileTitle)
    {
        using var stream = new MemoryStream(content.ToArray(), writable: false);
        using var word = WordprocessingDocument.Open(stream, isEditable: false, Settings);
        var body = word.MainDocumentPart?.Document?.Body
            ?? throw new InvalidDataException("The package has no Word document body.");
        var levels = WordHeadingLevels.Of(word.MainDocumentPart.StyleDefinitionsPart?.Styles);
        var sections = new SectionBuilder();
        Add(body, levels, sections);
        return sections.Build(sections.FirstTopLevelHeading ?? fileTitle);
    }

    private static void Add(OpenXmlElement container, WordHeadingLevels levels, SectionBuilder sections)
    {
        foreach (var element in container.ChildElements)
        {
            switch (element)
            {
                case Paragraph paragraph when levels.Of(paragraph) is int level:
                    sections.Heading(level, TextOf(paragraph));
                    break;
                case Paragraph paragraph:
                    var text = TextOf(paragraph);
                    sections.Paragraph(paragraph.ParagraphProperties?.NumberingProperties is null || text.Length == 0 ? text : "- " + text);
                    break;
                case Table table:
                    sections.Paragraph(string.Join('\n', table.Elements<TableRow>().Select(Row).Where(row => row.Length > 0)));
                    break;
                default:
                    // Content controls and custom XML wrap paragraphs and tables of the body.
                    Add(element, levels, sections);
                    break;
            }
        }
    }

    private static string Row(TableRow row)
    {
        var cells = row.Elements<TableCell>()
            .Select(cell => CleanText.OneLine(string.Join(' ', cell.Descendants<Paragraph>().Select(TextOf))))
            .ToList();
        return cells.Any(cell => cell.Length > 0) ? string.Join(" | ", cells) : "";
    }

    // Only w:t is text: deleted text (w:delText) and field codes (w:instrText) are other elements.
    private static string TextOf(Paragraph paragraph)
    {
        var text = new StringBuilder();
        foreach (var element in paragraph.Descendants())
        {
            switch (element)
            {
                case Text run: text.Append(run.Text); break;
                case TabChar: text.Append('\t'); break;
                case Break or CarriageReturn: text.Append('\n'); break;
                case NoBreakHyphen: text.Append('-'); break;
            }
        }
        return text.ToString();
    }
}
