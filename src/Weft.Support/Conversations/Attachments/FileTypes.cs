namespace Weft.Support.Conversations.Attachments;

/// <summary>
/// The kinds of file a message may carry, known by their name's extension, and the leading bytes each kind starts
/// with: a file is taken as the type its name says only when its bytes agree, so a program renamed <c>invoice.pdf</c>
/// is refused. Text has no signature; it must hold no NUL byte (which no text encoding but UTF-16 has, and binaries do).
/// </summary>
internal static class FileTypes
{
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";
    public const string Gif = "image/gif";
    public const string Webp = "image/webp";
    public const string Pdf = "application/pdf";
    public const string Text = "text/plain";
    public const string Csv = "text/csv";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Pptx = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    public const string Doc = "application/msword";
    public const string Xls = "application/vnd.ms-excel";
    public const string Ppt = "application/vnd.ms-powerpoint";
    public const string Odt = "application/vnd.oasis.opendocument.text";
    public const string Ods = "application/vnd.oasis.opendocument.spreadsheet";
    public const string Odp = "application/vnd.oasis.opendocument.presentation";

    /// <summary>Every type Weft can check; a tenant's allow-list is a subset of these.</summary>
    public static readonly IReadOnlyList<string> Known = [Png, Jpeg, Gif, Webp, Pdf, Text, Csv, Docx, Xlsx, Pptx, Doc, Xls, Ppt, Odt, Ods, Odp];

    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".png"] = Png, [".jpg"] = Jpeg, [".jpeg"] = Jpeg, [".gif"] = Gif, [".webp"] = Webp, [".pdf"] = Pdf,
        [".txt"] = Text, [".log"] = Text, [".csv"] = Csv, [".docx"] = Docx, [".xlsx"] = Xlsx, [".pptx"] = Pptx,
        [".doc"] = Doc, [".xls"] = Xls, [".ppt"] = Ppt, [".odt"] = Odt, [".ods"] = Ods, [".odp"] = Odp,
    };

    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Gif87 = "GIF87a"u8.ToArray();
    private static readonly byte[] Gif89 = "GIF89a"u8.ToArray();
    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] Ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    /// <summary>Programs and scripts' containers, refused whatever they are called.</summary>
    private static readonly byte[][] Executables =
    [
        "MZ"u8.ToArray(), [0x7F, 0x45, 0x4C, 0x46], [0xCF, 0xFA, 0xED, 0xFE], [0xCE, 0xFA, 0xED, 0xFE], [0xFE, 0xED, 0xFA, 0xCF],
        [0xFE, 0xED, 0xFA, 0xCE], [0xCA, 0xFE, 0xBA, 0xBE], "#!"u8.ToArray(),
    ];

    /// <summary>The type a file is taken as: its name's extension when Weft knows it, else the type it was sent with.</summary>
    public static string Of(string name, string? declared)
    {
        if (ByExtension.TryGetValue(Path.GetExtension(name), out var type)) return type;
        var sent = declared?.Split(';')[0].Trim().ToLowerInvariant();
        return string.IsNullOrEmpty(sent) ? "application/octet-stream" : sent;
    }

    /// <summary>Whether the bytes are what <paramref name="type"/> says (and no program in disguise).</summary>
    public static bool Matches(string type, ReadOnlySpan<byte> bytes)
    {
        foreach (var executable in Executables)
            if (bytes.StartsWith(executable)) return false;
        return type switch
        {
            Png => bytes.StartsWith(PngMagic),
            Jpeg => bytes.StartsWith(JpegMagic),
            Gif => bytes.StartsWith(Gif87) || bytes.StartsWith(Gif89),
            Webp => bytes.Length >= 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8),
            Pdf => bytes.StartsWith(PdfMagic),
            Docx or Xlsx or Pptx or Odt or Ods or Odp => bytes.StartsWith(Zip),
            Doc or Xls or Ppt => bytes.StartsWith(Ole),
            Text or Csv => !bytes[..Math.Min(bytes.Length, 64 * 1024)].Contains((byte)0) && !StartsWithBinary(bytes),
            _ => false,
        };
    }

    private static bool StartsWithBinary(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith(PngMagic) || bytes.StartsWith(JpegMagic) || bytes.StartsWith(Zip) || bytes.StartsWith(Ole) || bytes.StartsWith(PdfMagic);
}
