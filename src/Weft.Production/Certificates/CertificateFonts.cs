using PdfSharp.Fonts;

namespace Weft.Production.Certificates;

// PDFsharp keeps one process-wide font resolver (and one fallback) that must be set before its first font is used.
// We take the main slot only when it is empty; if other code holds it, ours goes to the fallback slot, which PDFsharp
// asks when the main resolver answers null for our family name.
internal static class CertificateFonts
{
    private static readonly Lock Gate = new();
    private static readonly CertificateFontResolver Resolver = new();
    private static bool registered;

    public static string Family
    {
        get
        {
            EnsureRegistered();
            return CertificateFontResolver.FamilyName;
        }
    }

    private static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (registered) return;
            if (GlobalFontSettings.FontResolver is null or CertificateFontResolver)
                GlobalFontSettings.FontResolver = Resolver;
            else if (GlobalFontSettings.FallbackFontResolver is null or CertificateFontResolver)
                GlobalFontSettings.FallbackFontResolver = Resolver;
            else
                throw new InvalidOperationException(
                    "Both PDFsharp font resolver slots are taken by other code; piece certificates cannot register their font.");
            registered = true;
        }
    }
}
