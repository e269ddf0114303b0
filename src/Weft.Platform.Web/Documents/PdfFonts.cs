using System.Resources;
using PdfSharp.Fonts;

namespace Weft.Platform.Web.Documents;

/// <summary>
/// The font every PDF Weft writes uses (piece certificates, purchase orders): DejaVu Sans, embedded in this assembly
/// under a family name of our own, so documents render on a machine with no fonts at all.
/// </summary>
/// <remarks>
/// PDFsharp keeps one process-wide font resolver (and one fallback) that must be set before its first font is used. We
/// take the main slot only when it is empty; if other code holds it, ours goes to the fallback slot, which PDFsharp asks
/// when the main resolver answers null for our family name.
/// </remarks>
public static class PdfFonts
{
    private static readonly Lock Gate = new();
    private static readonly Resolver Instance = new();
    private static bool registered;

    /// <summary>The family name to draw with; reading it registers the font.</summary>
    public static string Family
    {
        get
        {
            EnsureRegistered();
            return Resolver.FamilyName;
        }
    }

    private static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (registered) return;
            if (GlobalFontSettings.FontResolver is null or Resolver)
                GlobalFontSettings.FontResolver = Instance;
            else if (GlobalFontSettings.FallbackFontResolver is null or Resolver)
                GlobalFontSettings.FallbackFontResolver = Instance;
            else
                throw new InvalidOperationException("Both PDFsharp font resolver slots are taken by other code; Weft's documents cannot register their font.");
            registered = true;
        }
    }

    // Serves the two faces under our family name, and answers null for every other family so it never stands in for someone's Arial.
    private sealed class Resolver : IFontResolver
    {
        public const string FamilyName = "Weft Sans";
        private const string RegularFace = "DejaVuSans";
        private const string BoldFace = "DejaVuSansBold";

        private static readonly ResourceManager Resources = new("Weft.Platform.Web.Documents.PdfFonts", typeof(Resolver).Assembly);

        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
            string.Equals(familyName, FamilyName, StringComparison.OrdinalIgnoreCase)
                ? new FontResolverInfo(bold ? BoldFace : RegularFace, mustSimulateBold: false, mustSimulateItalic: italic)
                : null;

        public byte[]? GetFont(string faceName) => faceName is RegularFace or BoldFace
            ? (byte[]?)Resources.GetObject(faceName, System.Globalization.CultureInfo.InvariantCulture)
            : null;
    }
}
