using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace Weft.Production.Tests.Certificates;

// A certificate read back the way a person or a search engine would: the words on each page, and where they sit.
internal sealed record CertificatePdf(IReadOnlyList<string> Pages, bool EveryWordOnItsPage, bool NoLettersOverlap)
{
    public string Text => string.Join(" ", Pages);

    public static CertificatePdf Read(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var pages = new List<string>();
        var inside = true;
        var apart = true;
        foreach (var page in document.GetPages())
        {
            var words = page.GetWords().ToList();
            pages.Add(string.Join(" ", words.Select(w => w.Text)));
            inside &= words.All(w =>
                w.BoundingBox.Left >= 0 && w.BoundingBox.Right <= page.Width &&
                w.BoundingBox.Bottom >= 0 && w.BoundingBox.Top <= page.Height);
            apart &= !HasOverlappingLetters(page);
        }
        return new CertificatePdf(pages, inside, apart);
    }

    // Text drawn over other text (a row running into the footer, a cell into the next column) puts glyphs on top of
    // each other; neighbouring glyphs of one word only ever touch at their edges.
    private static bool HasOverlappingLetters(Page page)
    {
        var boxes = page.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)).Select(l => l.BoundingBox).ToList();
        for (var i = 0; i < boxes.Count; i++)
        {
            for (var j = i + 1; j < boxes.Count; j++)
            {
                var a = boxes[i];
                var b = boxes[j];
                var width = Math.Min(a.Right, b.Right) - Math.Max(a.Left, b.Left);
                var height = Math.Min(a.Top, b.Top) - Math.Max(a.Bottom, b.Bottom);
                if (width <= 0 || height <= 0) continue;
                var smaller = Math.Min(a.Width * a.Height, b.Width * b.Height);
                if (smaller > 0 && width * height > smaller / 2) return true;
            }
        }
        return false;
    }
}
