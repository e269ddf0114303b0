namespace Weft.AI.Knowledge.Documents;

/// <summary>Plain text: one section without headings, titled by the file name.</summary>
internal static class PlainTextReader
{
    public static ExtractedDocument Read(string text, string fileTitle)
    {
        var sections = new SectionBuilder();
        sections.Paragraph(text);
        return sections.Build(fileTitle);
    }
}
