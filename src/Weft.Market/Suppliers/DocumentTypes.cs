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

    public static bool Agrees(string contentType, ReadOnlySpan<byte> bytes) => contentType switch
    {
        "application/pdf" => bytes.StartsWith(Pdf),
        "image/png" => bytes.StartsWith(Png),
        "image/jpeg" => bytes.StartsWith(Jpeg),
        _ => false,
    };
}
