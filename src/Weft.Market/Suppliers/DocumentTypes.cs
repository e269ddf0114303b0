using Weft.Platform.Errors;

namespace Weft.Market.Suppliers;

/// <summary>
/// What a supplier may upload: PDF, PNG or JPEG (certificates are scans), up to <see cref="MaxBytes"/>, known by the
/// name's extension and believed only when the leading bytes agree.
/// </summary>
internal static class DocumentTypes
{
    public const int MaxBytes = 10 * 1024 * 1024;
    public const int MaxName = 255;

    public const string Certificate = "certificate";
    public const string Registration = "registration";
    public const string Specification = "specification";
    public const string Other = "other";

    public static IReadOnlyList<string> Kinds { get; } = [Certificate, Registration, Specification, Other];

    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];

    /// <summary>The content type of a file called <paramref name="name"/>; null for a type not accepted.</summary>
    public static string? Of(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".pdf" => "application/pdf",
        ".png" => "image/png",
        ".jpg" or ".jpeg" => "image/jpeg",
        _ => null,
    };

    /// <summary>
    /// The content type of an uploaded file called <paramref name="fileName"/>, once its type is accepted, it is neither
    /// empty nor too large, and its bytes agree with its name; refused otherwise (the supplier's documents and the RFQs' files).
    /// </summary>
    public static string RequireAcceptable(string fileName, byte[] content)
    {
        var type = Of(fileName) ?? throw WeftException.UnsupportedType("document_type_not_allowed", $"'{fileName}' is not a PDF, PNG or JPEG file.");
        if (content.Length == 0) throw WeftException.Rule("document_empty", $"'{fileName}' is empty.");
        if (content.Length > MaxBytes) throw TooLarge(fileName);
        if (!Agrees(type, content))
            throw WeftException.UnsupportedType("document_content_mismatch", $"'{fileName}' does not look like the {type} file its name says it is.");
        return type;
    }

    public static WeftException TooLarge(string name) =>
        WeftException.TooLarge("document_too_large", $"'{name}' is larger than a document may be ({MaxBytes:N0} bytes).");

    public static bool Agrees(string contentType, ReadOnlySpan<byte> bytes) => contentType switch
    {
        "application/pdf" => bytes.StartsWith(Pdf),
        "image/png" => bytes.StartsWith(Png),
        "image/jpeg" => bytes.StartsWith(Jpeg),
        _ => false,
    };
}
