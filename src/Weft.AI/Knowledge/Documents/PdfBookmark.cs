namespace Weft.AI.Knowledge.Documents;

/// <summary>One bookmark of a PDF: its depth (from 1), its title and the place it points to (PDF space: y grows upwards).</summary>
internal sealed record PdfBookmark(int Level, string Title, int Page, double Top)
{
    /// <summary>Whether the bookmark points at or above a line that ends at <paramref name="bottom"/> on <paramref name="page"/>.</summary>
    public bool StartsBefore(int page, double bottom) => Page < page || (Page == page && Top >= bottom);
}
