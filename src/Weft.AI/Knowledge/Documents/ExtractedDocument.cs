namespace Weft.AI.Knowledge.Documents;

/// <summary>What an uploaded file says, as text under its headings, ready to be cut into chunks.</summary>
/// <param name="Title">The first top-level heading, else (HTML) the page's title, else the file name without its extension.</param>
internal sealed record ExtractedDocument(string Title, IReadOnlyList<DocumentSection> Sections);
