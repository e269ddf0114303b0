using System.Globalization;
using System.Text;

namespace Weft.Support.Knowledge;

/// <summary>An article's name in addresses: lower-case ASCII letters and digits between single dashes.</summary>
internal static class Slugs
{
    public const int MaxLength = 100;

    public static bool IsValid(string? slug) =>
        slug is { Length: > 0 and <= MaxLength } && slug.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
        && slug[0] != '-' && slug[^1] != '-' && !slug.Contains("--", StringComparison.Ordinal);

    /// <summary>A slug made from a title ("Où est ma commande ?" → "ou-est-ma-commande"), or "article" when nothing is left.</summary>
    public static string From(string title)
    {
        var text = new StringBuilder();
        foreach (var c in title.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            var lower = char.ToLowerInvariant(c);
            if (lower is (>= 'a' and <= 'z') or (>= '0' and <= '9')) text.Append(lower);
            else if (Latin(lower) is { } plain) text.Append(plain);
            else if (text.Length > 0 && text[^1] != '-') text.Append('-');
            if (text.Length >= MaxLength) break;
        }
        var slug = text.ToString().Trim('-');
        if (slug.Length > MaxLength) slug = slug[..MaxLength].TrimEnd('-');
        return slug.Length == 0 ? "article" : slug;
    }

    // Normalisation does not take accents apart where the host runs without ICU, so the common Latin letters are spelled out.
    private static string? Latin(char c) => c switch
    {
        'à' or 'á' or 'â' or 'ã' or 'ä' or 'å' or 'ā' or 'ą' => "a",
        'ç' or 'ć' or 'č' => "c",
        'ď' or 'đ' => "d",
        'è' or 'é' or 'ê' or 'ë' or 'ē' or 'ę' or 'ě' => "e",
        'ì' or 'í' or 'î' or 'ï' or 'ī' => "i",
        'ł' => "l",
        'ñ' or 'ń' or 'ň' => "n",
        'ò' or 'ó' or 'ô' or 'õ' or 'ö' or 'ø' or 'ō' or 'ő' => "o",
        'ř' => "r",
        'ś' or 'š' or 'ş' => "s",
        'ť' or 'ţ' => "t",
        'ù' or 'ú' or 'û' or 'ü' or 'ū' or 'ů' or 'ű' => "u",
        'ý' or 'ÿ' => "y",
        'ź' or 'ż' or 'ž' => "z",
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        _ => null,
    };
}
