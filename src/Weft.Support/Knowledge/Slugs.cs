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
            else if (text.Length > 0 && text[^1] != '-') text.Append('-');
            if (text.Length >= MaxLength) break;
        }
        var slug = text.ToString().Trim('-');
        return slug.Length == 0 ? "article" : slug;
    }
}
