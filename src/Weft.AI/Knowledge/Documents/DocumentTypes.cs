namespace Weft.AI.Knowledge.Documents;

/// <summary>
/// Which reader a file needs: its name's extension decides; the content type is asked only when the extension
/// is missing or unknown, because browsers and clients often send a generic one (application/octet-stream).
/// </summary>
internal static class DocumentTypes
{
    private static readonly Dictionary<string, DocumentType> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".txt"] = DocumentType.PlainText,
        [".md"] = DocumentType.Markdown,
        [".markdown"] = DocumentType.Markdown,
        [".html"] = DocumentType.Html,
        [".htm"] = DocumentType.Html,
        [".pdf"] = DocumentType.Pdf,
        [".docx"] = DocumentType.Word,
    };

    private static readonly Dictionary<string, DocumentType> ByContentType = new(StringComparer.OrdinalIgnoreCase)
    {
        ["text/plain"] = DocumentType.PlainText,
        ["text/markdown"] = DocumentType.Markdown,
        ["text/x-markdown"] = DocumentType.Markdown,
        ["text/html"] = DocumentType.Html,
        ["application/xhtml+xml"] = DocumentType.Html,
        ["application/pdf"] = DocumentType.Pdf,
        ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"] = DocumentType.Word,
    };

    public static DocumentType? Of(string fileName, string? contentType)
    {
        if (ByExtension.TryGetValue(Path.GetExtension(FileName(fileName)), out var type)) return type;
        var mediaType = contentType?.Split(';', 2)[0].Trim() ?? "";
        return ByContentType.TryGetValue(mediaType, out type) ? type : null;
    }

    /// <summary>The file name without folders or extension, for a document that names no title of its own.</summary>
    public static string TitleOf(string fileName)
    {
        var title = Path.GetFileNameWithoutExtension(FileName(fileName)).Trim();
        return title.Length > 0 ? title : "Untitled";
    }

    // Some browsers send the whole Windows path, whose backslashes Path does not split on Linux.
    private static string FileName(string fileName) => fileName[(fileName.LastIndexOfAny(['/', '\\']) + 1)..];
}
