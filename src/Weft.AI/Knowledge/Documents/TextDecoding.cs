using System.Text;

namespace Weft.AI.Knowledge.Documents;

/// <summary>
/// Bytes to text: UTF-8 unless a byte-order mark says UTF-16. A bad byte becomes U+FFFD instead of refusing the
/// file, since one stray Latin-1 character should not cost a tenant the whole document.
/// </summary>
internal static class TextDecoding
{
    private static readonly UTF8Encoding LenientUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static string Decode(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0xEF, 0xBB, 0xBF, ..] => LenientUtf8.GetString(bytes[3..]),
        [0xFF, 0xFE, ..] => Encoding.Unicode.GetString(bytes[2..]),
        [0xFE, 0xFF, ..] => Encoding.BigEndianUnicode.GetString(bytes[2..]),
        _ => LenientUtf8.GetString(bytes),
    };
}
