using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Weft.Platform.Web.Documents;

// Lays text out top to bottom on A4 pages, starting a new page whenever the next line would not fit,
// and repeating a table's header there. PDFsharp draws where it is told, so all the paging is ours.
public sealed class DocumentWriter : IDisposable
{
    private const double Margin = 50;
    private const double FooterHeight = 24;
    private const double CellPadding = 3;
    private const double LabelWidth = 90;

    private static readonly XColor HeaderShade = XColor.FromArgb(235, 235, 235);
    private static readonly XColor RuleColor = XColor.FromArgb(190, 190, 190);
    private static readonly XColor AlertColor = XColor.FromArgb(170, 20, 20);

    private readonly PdfDocument document;
    private readonly XFont titleFont;
    private readonly XFont headingFont;
    private readonly XFont bodyFont;
    private readonly XFont bodyBoldFont;
    private readonly XFont tableFont;
    private readonly XFont tableBoldFont;
    private readonly XFont footerFont;
    private XGraphics? graphics;
    private double pageWidth;
    private double bottom;
    private double y;

    public DocumentWriter(PdfDocument document, string fontFamily)
    {
        this.document = document;
        titleFont = new XFont(fontFamily, 20, XFontStyleEx.Bold);
        headingFont = new XFont(fontFamily, 12, XFontStyleEx.Bold);
        bodyFont = new XFont(fontFamily, 10, XFontStyleEx.Regular);
        bodyBoldFont = new XFont(fontFamily, 10, XFontStyleEx.Bold);
        tableFont = new XFont(fontFamily, 7.5, XFontStyleEx.Regular);
        tableBoldFont = new XFont(fontFamily, 7.5, XFontStyleEx.Bold);
        footerFont = new XFont(fontFamily, 7.5, XFontStyleEx.Regular);
        NewPage();
    }

    private double ContentWidth => pageWidth - 2 * Margin;

    private XGraphics Graphics => graphics ?? throw new ObjectDisposedException(nameof(DocumentWriter));

    public void Title(string text)
    {
        Lines(Wrap(text, titleFont, ContentWidth), titleFont, XBrushes.Black, Margin);
        y += 8;
    }

    public void Heading(string text)
    {
        y += 10;
        EnsureRoom(LineHeight(headingFont) + LineHeight(tableFont) * 3);
        Lines([text], headingFont, XBrushes.Black, Margin);
        y += 4;
    }

    public void Field(string label, string value)
    {
        var lines = Wrap(value, bodyFont, ContentWidth - LabelWidth);
        for (var i = 0; i < lines.Count; i++)
        {
            EnsureRoom(LineHeight(bodyFont));
            if (i == 0) Graphics.DrawString(label, bodyBoldFont, XBrushes.Black, Margin, y, XStringFormats.TopLeft);
            Graphics.DrawString(lines[i], bodyFont, XBrushes.Black, Margin + LabelWidth, y, XStringFormats.TopLeft);
            y += LineHeight(bodyFont);
        }
        y += 2;
    }

    public void Paragraph(string text) => Lines(Wrap(text, bodyFont, ContentWidth), bodyFont, XBrushes.Black, Margin);

    public void Table(IReadOnlyList<DocumentColumn> columns, IEnumerable<DocumentRow> rows)
    {
        var lineHeight = LineHeight(tableFont);
        EnsureRoom(2 * (lineHeight + 2 * CellPadding));
        TableHeader(columns);
        foreach (var row in rows)
        {
            var cells = columns.Select((c, i) => Wrap(i < row.Cells.Count ? row.Cells[i] : "", tableFont, c.Width - 2 * CellPadding)).ToList();
            var brush = row.Alert ? new XSolidBrush(AlertColor) : XBrushes.Black;
            var total = cells.Max(c => c.Count);

            var height = total * lineHeight + 2 * CellPadding;
            if (y + height > bottom && height <= bottom - Margin - 2 * LineHeight(tableBoldFont) - 2 * CellPadding)
            {
                NewPage();
                TableHeader(columns);
            }

            // Only a row taller than a whole page is split; it carries on below the header of the next one.
            for (var done = 0; done < total;)
            {
                if (bottom - y - 2 * CellPadding < lineHeight)
                {
                    NewPage();
                    TableHeader(columns);
                }
                var take = Math.Min(total - done, (int)((bottom - y - 2 * CellPadding) / lineHeight));
                var x = Margin;
                for (var c = 0; c < columns.Count; c++)
                {
                    foreach (var (line, i) in cells[c].Skip(done).Take(take).Select((l, i) => (l, i)))
                        Graphics.DrawString(line, tableFont, brush, x + CellPadding, y + CellPadding + i * lineHeight, XStringFormats.TopLeft);
                    x += columns[c].Width;
                }
                y += take * lineHeight + 2 * CellPadding;
                done += take;
            }
            Graphics.DrawLine(new XPen(RuleColor, 0.5), Margin, y, Margin + columns.Sum(c => c.Width), y);
        }
    }

    // Footers go on last, once the number of pages is known.
    public void Footer(string text)
    {
        graphics?.Dispose();
        graphics = null;
        for (var i = 0; i < document.PageCount; i++)
        {
            var page = document.Pages[i];
            using var footer = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            var line = $"{text} · Page {i + 1} of {document.PageCount}";
            footer.DrawString(line, footerFont, XBrushes.Gray, Margin, page.Height.Point - Margin, XStringFormats.TopLeft);
        }
    }

    public void Dispose()
    {
        graphics?.Dispose();
        graphics = null;
    }

    private void TableHeader(IReadOnlyList<DocumentColumn> columns)
    {
        var lineHeight = LineHeight(tableBoldFont);
        var headers = columns.Select(c => Wrap(c.Header, tableBoldFont, c.Width - 2 * CellPadding)).ToList();
        var height = headers.Max(h => h.Count) * lineHeight + 2 * CellPadding;
        Graphics.DrawRectangle(new XSolidBrush(HeaderShade), Margin, y, columns.Sum(c => c.Width), height);
        var x = Margin;
        for (var c = 0; c < columns.Count; c++)
        {
            for (var i = 0; i < headers[c].Count; i++)
                Graphics.DrawString(headers[c][i], tableBoldFont, XBrushes.Black, x + CellPadding, y + CellPadding + i * lineHeight, XStringFormats.TopLeft);
            x += columns[c].Width;
        }
        y += height;
    }

    private void Lines(IEnumerable<string> lines, XFont font, XBrush brush, double x)
    {
        foreach (var line in lines)
        {
            EnsureRoom(LineHeight(font));
            Graphics.DrawString(line, font, brush, x, y, XStringFormats.TopLeft);
            y += LineHeight(font);
        }
    }

    private void EnsureRoom(double height)
    {
        if (y + height > bottom) NewPage();
    }

    private void NewPage()
    {
        graphics?.Dispose();
        var page = document.AddPage();
        page.Size = PageSize.A4;
        pageWidth = page.Width.Point;
        bottom = page.Height.Point - Margin - FooterHeight;
        graphics = XGraphics.FromPdfPage(page);
        y = Margin;
    }

    private static double LineHeight(XFont font) => font.Size * 1.3;

    private List<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (Fits(candidate, font, width))
                {
                    line = candidate;
                    continue;
                }
                if (line.Length > 0) lines.Add(line);
                line = word;
                // A word wider than the column (a long serial, say) is cut where it has to be.
                while (!Fits(line, font, width) && line.Length > 1)
                {
                    var cut = line.Length - 1;
                    while (cut > 1 && !Fits(line[..cut], font, width)) cut--;
                    lines.Add(line[..cut]);
                    line = line[cut..];
                }
            }
            lines.Add(line);
        }
        return lines;
    }

    private bool Fits(string text, XFont font, double width) => Graphics.MeasureString(text, font).Width <= width;
}
