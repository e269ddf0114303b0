using UglyToad.PdfPig;
using UglyToad.PdfPig.Outline;

namespace Weft.AI.Knowledge.Documents;

/// <summary>
/// A PDF's bookmarks that point into it, flattened and sorted by where they point (page, then top to bottom),
/// since an outline's order need not be the page order. Bookmarks to other files or web pages are skipped.
/// </summary>
internal static class PdfOutline
{
    public static IReadOnlyList<PdfBookmark> Of(PdfDocument pdf)
    {
        if (!pdf.TryGetBookmarks(out var bookmarks)) return [];
        var flat = new List<PdfBookmark>();
        Add(bookmarks.Roots, 1, flat);
        return [.. flat.OrderBy(bookmark => bookmark.Page).ThenByDescending(bookmark => bookmark.Top)];
    }

    private static void Add(IEnumerable<BookmarkNode> nodes, int level, List<PdfBookmark> flat)
    {
        foreach (var node in nodes)
        {
            if (node is DocumentBookmarkNode inDocument)
            {
                // A destination that fits the whole page has no top: the section starts where the page does.
                var top = inDocument.Destination.Coordinates.Top ?? double.MaxValue;
                flat.Add(new PdfBookmark(level, node.Title ?? "", inDocument.PageNumber, top));
            }
            Add(node.Children, level + 1, flat);
        }
    }
}
