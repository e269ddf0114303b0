using System.Diagnostics;
using UglyToad.PdfPig.Exceptions;
using Weft.Platform.Errors;

namespace Weft.AI.Knowledge.Documents;

/// <summary>
/// Reads an uploaded file's text by its type (from the file name's extension, else the content type): .txt,
/// .md/.markdown, .html/.htm, .pdf, .docx. Refusals are <see cref="WeftException"/>s with the codes of
/// <see cref="DocumentErrors"/>.
/// </summary>
internal static class DocumentText
{
    public const long MaxBytes = 20 * 1024 * 1024;

    public static ExtractedDocument Extract(string fileName, string? contentType, ReadOnlyMemory<byte> content)
    {
        CheckUpload(fileName, contentType, content.Length);
        var type = DocumentTypes.Of(fileName, contentType)!.Value;

        var fileTitle = DocumentTypes.TitleOf(fileName);
        var document = type switch
        {
            DocumentType.PlainText => PlainTextReader.Read(TextDecoding.Decode(content.Span), fileTitle),
            DocumentType.Markdown => MarkdownReader.Read(TextDecoding.Decode(content.Span), fileTitle),
            DocumentType.Html => Html(fileName, TextDecoding.Decode(content.Span), fileTitle),
            DocumentType.Pdf => ReadBinary(fileName, "it is not a PDF, or the PDF is damaged", () => PdfReader.Read(content, fileTitle)),
            DocumentType.Word => ReadBinary(fileName, "it is not a Word document (.docx), or the file is damaged", () => WordReader.Read(content, fileTitle)),
            _ => throw new UnreachableException($"No reader for {type}."),
        };
        return document.Sections.Count > 0 ? document : throw DocumentErrors.NoText(fileName);
    }

    /// <summary>
    /// What is refused before a file's content is read: its type, an empty file, one too large. A page checks this before
    /// the browser sends the file, so that it does not stream 20 MB to be told the type is wrong.
    /// </summary>
    public static void CheckUpload(string fileName, string? contentType, long bytes)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        if (DocumentTypes.Of(fileName, contentType) is null) throw DocumentErrors.UnsupportedType(fileName);
        if (bytes == 0) throw DocumentErrors.EmptyFile(fileName);
        if (bytes > MaxBytes) throw DocumentErrors.FileTooLarge(fileName, bytes);
    }

    private static ExtractedDocument Html(string fileName, string html, string fileTitle) => HtmlNesting.IsTooDeep(html)
        ? throw DocumentErrors.CannotRead(fileName, $"its elements nest more than {HtmlNesting.MaxDepth} levels deep, deeper than any real page.")
        : HtmlReader.Read(html, fileTitle);

    // PdfPig and the Open XML SDK throw many kinds of exception on a damaged or foreign file (format, zip, XML,
    // even index errors); for an upload they all mean the same thing.
    private static ExtractedDocument ReadBinary(string fileName, string why, Func<ExtractedDocument> read)
    {
        try
        {
            return read();
        }
        catch (PdfDocumentEncryptedException)
        {
            throw DocumentErrors.CannotRead(fileName, "the PDF is protected by a password. Save a copy without the password and upload that.");
        }
        catch (Exception e) when (e is not (WeftException or OutOfMemoryException))
        {
            throw DocumentErrors.CannotRead(fileName, why + ".");
        }
    }
}
