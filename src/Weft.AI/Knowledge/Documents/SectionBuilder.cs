using System.Text;

namespace Weft.AI.Knowledge.Documents;

/// <summary>
/// Collects a reader's headings and paragraphs, in document order, into sections. A heading of level n closes
/// every open heading of level n or deeper, so skipped levels (an h3 straight under an h1) still nest.
/// Level 0 is a document title (Word's Title style), above every heading.
/// </summary>
internal sealed class SectionBuilder
{
    private readonly List<(int Level, string Text)> path = [];
    private readonly List<DocumentSection> sections = [];
    private readonly StringBuilder text = new();

    /// <summary>The first heading of level 0 or 1, the document's title if it names one.</summary>
    public string? FirstTopLevelHeading { get; private set; }

    public void Heading(int level, string heading)
    {
        heading = CleanText.OneLine(heading);
        if (heading.Length == 0) return;
        EndSection();
        path.RemoveAll(open => open.Level >= level);
        path.Add((level, heading));
        if (level <= 1) FirstTopLevelHeading ??= heading;
    }

    public void Paragraph(string paragraph)
    {
        if (string.IsNullOrWhiteSpace(paragraph)) return;
        if (text.Length > 0) text.Append("\n\n");
        text.Append(paragraph);
    }

    public ExtractedDocument Build(string title)
    {
        EndSection();
        return new ExtractedDocument(title, sections);
    }

    // A heading followed straight by another heading leaves no section: its title lives on in the path below it.
    private void EndSection()
    {
        var cleaned = CleanText.Of(text.ToString());
        text.Clear();
        if (cleaned.Length > 0) sections.Add(new DocumentSection([.. path.Select(open => open.Text)], cleaned));
    }
}
