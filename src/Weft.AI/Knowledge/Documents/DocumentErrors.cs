using Weft.Platform.Errors;

namespace Weft.AI.Knowledge.Documents;

/// <summary>The refusals of reading an uploaded document, one code each.</summary>
internal static class DocumentErrors
{
    public const string TypeUnsupported = "document_type_unsupported";
    public const string Empty = "document_empty";
    public const string TooLarge = "document_too_large";
    public const string Unreadable = "document_unreadable";
    public const string HasNoText = "document_has_no_text";

    public static WeftException UnsupportedType(string fileName) => WeftException.Invalid(TypeUnsupported,
        $"'{fileName}' is not a type Weft can read. Upload text (.txt), Markdown (.md, .markdown), HTML (.html, .htm), PDF (.pdf) or Word (.docx).");

    public static WeftException EmptyFile(string fileName) => WeftException.Invalid(Empty, $"'{fileName}' is empty.");

    public static WeftException FileTooLarge(string fileName, long bytes) => WeftException.Invalid(TooLarge,
        $"'{fileName}' is {bytes / (1024 * 1024.0):0.#} MB; a document may be at most {DocumentText.MaxBytes / (1024 * 1024)} MB.");

    public static WeftException CannotRead(string fileName, string why) => WeftException.Invalid(Unreadable, $"'{fileName}' cannot be read: {why}");

    public static WeftException NoText(string fileName) => WeftException.Invalid(HasNoText,
        $"'{fileName}' has no text to index. A scanned PDF holds only pictures of its pages: run it through OCR (text recognition) first, then upload the result.");
}
