using System.Resources;
using PdfSharp.Fonts;

namespace Weft.Production.Certificates;

// Serves the DejaVu Sans faces embedded in this assembly under a family name of our own, so the certificate renders
// on a machine with no fonts at all, and answers null for every other family so it never stands in for someone's Arial.
internal sealed class CertificateFontResolver : IFontResolver
{
    public const string FamilyName = "Weft Certificate Sans";
    private const string RegularFace = "DejaVuSans";
    private const string BoldFace = "DejaVuSansBold";

    private static readonly ResourceManager Resources =
        new("Weft.Production.Certificates.CertificateFonts", typeof(CertificateFontResolver).Assembly);

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
    {
        if (!string.Equals(familyName, FamilyName, StringComparison.OrdinalIgnoreCase)) return null;
        return new FontResolverInfo(bold ? BoldFace : RegularFace, mustSimulateBold: false, mustSimulateItalic: italic);
    }

    public byte[]? GetFont(string faceName) => faceName is RegularFace or BoldFace
        ? (byte[]?)Resources.GetObject(faceName, System.Globalization.CultureInfo.InvariantCulture)
        : null;
}
