using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Outline;
using UglyToad.PdfPig.Outline.Destinations;
using UglyToad.PdfPig.Writer;
using Weft.AI.Knowledge.Documents;
using Weft.Platform.Errors;

namespace Weft.AI.Tests;

/// <summary>Uploaded files of every accepted type read into a title and sections under their heading paths; what cannot be read is refused with a code.</summary>
public sealed class ReadingDocuments
{
    [Fact]
    public void Plain_text_is_one_section_without_headings_titled_by_the_file_name()
    {
        var document = Extract(@"C:\Users\clara\Returns policy.txt", "Returns are free.\r\nWithin 30 days.\r\n\r\n\r\n\r\nKeep the receipt.   \r\n");

        document.Title.ShouldBe("Returns policy");
        document.Sections.ShouldHaveSingleItem().Headings.ShouldBeEmpty();
        document.Sections[0].Text.ShouldBe("Returns are free.\nWithin 30 days.\n\nKeep the receipt.");
    }

    [Fact]
    public void Text_is_read_as_utf8_leniently_with_or_without_a_byte_order_mark()
    {
        byte[] withBom = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("Crème brûlée\rcosts 5\0 €")];
        DocumentText.Extract("menu.txt", null, withBom).Sections[0].Text.ShouldBe("Crème brûlée\ncosts 5 €");

        byte[] latin1 = [.. Encoding.UTF8.GetBytes("Caf"), 0xE9, .. Encoding.UTF8.GetBytes(" open")];
        DocumentText.Extract("menu.txt", null, latin1).Sections[0].Text.ShouldBe("Caf\uFFFD open");

        byte[] utf16 = [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("Ünïcode notes")];
        DocumentText.Extract("notes.txt", null, utf16).Sections[0].Text.ShouldBe("Ünïcode notes");
    }

    [Fact]
    public void Markdown_headings_nest_into_heading_paths_and_the_first_top_level_heading_is_the_title()
    {
        var markdown = """
            Read this first.

            # Printer guide

            Welcome.

            ## Installing

            ### On Linux

            Run the installer.

            ### On *Windows* with `setup.exe`

            Double-click it.

            ## Using ##
            Print a page.

            # Appendix

            Numbers.
            """;

        var document = Extract("guide.md", markdown);

        document.Title.ShouldBe("Printer guide");
        Paths(document).ShouldBe(
        [
            ("", "Read this first."),
            ("Printer guide", "Welcome."),
            ("Printer guide › Installing › On Linux", "Run the installer."),
            ("Printer guide › Installing › On Windows with setup.exe", "Double-click it."),
            ("Printer guide › Using", "Print a page."),
            ("Appendix", "Numbers."),
        ]);
        Paths(Extract("guide.md", markdown.ReplaceLineEndings("\r\n"))).ShouldBe(Paths(document));
    }

    [Fact]
    public void Markdown_setext_headings_count_and_headings_inside_code_fences_do_not()
    {
        var document = Extract("notes.markdown", """
            ---
            title: ignored front matter
            ---
            Setup
            =====

            Steps:

            - install
            - configure

            ```bash
            # this is a shell comment, not a heading
            make install
            ```

            Details
            -------
            Done.
            """);

        document.Title.ShouldBe("Setup");
        Paths(document).ShouldBe(
        [
            ("Setup", "Steps:\n\n- install\n- configure\n\n```bash\n# this is a shell comment, not a heading\nmake install\n```"),
            ("Setup › Details", "Done."),
        ]);
    }

    [Fact]
    public void Markdown_without_a_top_level_heading_is_titled_by_its_file_name_or_content_type()
    {
        var document = DocumentText.Extract("README", "text/markdown; charset=utf-8", Encoding.UTF8.GetBytes("## Only a subheading\n\ntext"));

        document.Title.ShouldBe("README");
        Paths(document).ShouldBe([("Only a subheading", "text")]);
    }

    [Fact]
    public void Html_keeps_the_content_drops_scripts_and_page_furniture_and_decodes_entities()
    {
        var document = Extract("faq.html", """
            <!DOCTYPE html>
            <html><head><title>Ignored because of the h1</title><style>p { color: red }</style></head>
            <body>
              <header><a href="/">Home</a> Shop banner</header>
              <nav><ul><li>Menu item</li></ul></nav>
              <script>var tracking = "do not index";</script>
              <noscript>Enable JavaScript</noscript>
              <main>
                <article>
                  <header><h1>Shipping &amp; returns</h1></header>
                  <p>Parcels   leave
                     within <b>2&nbsp;days</b>.<br>Tracking is e-mailed.</p>
                  <h2>Returns</h2>
                  <div>Send it back &lt;30 days&gt; &mdash; free.</div>
                  <h3>Exceptions</h3>
                  <ul><li>Opened software</li><li><p>Custom orders</p></li></ul>
                  <table><tr><th>Zone</th><th>Days</th></tr><tr><td>EU</td><td>3</td></tr></table>
                </article>
              </main>
              <footer>© Shop 2025</footer>
            </body></html>
            """);

        document.Title.ShouldBe("Shipping & returns");
        Paths(document).ShouldBe(
        [
            ("Shipping & returns", "Parcels leave within 2 days.\nTracking is e-mailed."),
            ("Shipping & returns › Returns", "Send it back <30 days> — free."),
            ("Shipping & returns › Returns › Exceptions", "- Opened software\n\n- Custom orders\n\nZone | Days\nEU | 3"),
        ]);
        var all = string.Join(" ", document.Sections.Select(s => s.Text));
        foreach (var furniture in new[] { "Home", "banner", "Menu item", "do not index", "JavaScript", "color", "©" })
            all.ShouldNotContain(furniture);
    }

    [Fact]
    public void Markdown_nested_past_the_parsers_limit_is_read_as_plain_text()
    {
        var document = Extract("quotes.md", new string('>', 10_000) + " deeply quoted words");

        document.Title.ShouldBe("quotes");
        document.Sections.ShouldHaveSingleItem().Text.ShouldEndWith("> deeply quoted words");
    }

    [Fact]
    public void Html_nested_deeper_than_any_real_page_is_refused_before_parsing_but_unclosed_list_items_are_fine()
    {
        var deep = string.Concat(Enumerable.Repeat("<div>", HtmlNesting.MaxDepth + 1)) + "text";
        Refusal(() => Extract("deep.html", deep), "document_unreadable").Message.ShouldContain("nest");

        var items = "<ul>" + string.Concat(Enumerable.Range(1, 5000).Select(i => $"<li>item {i}\n")) + "</ul>";
        Extract("list.html", items).Sections.ShouldHaveSingleItem().Text.ShouldEndWith("- item 4999\n\n- item 5000");
    }

    [Fact]
    public void Html_without_an_h1_is_titled_by_its_title_element()
    {
        var document = Extract("page.htm", "<html><head><title> Opening   hours </title></head><body><h2>Weekdays</h2><p>9 to 5</p></body></html>");

        document.Title.ShouldBe("Opening hours");
        Paths(document).ShouldBe([("Weekdays", "9 to 5")]);
    }

    [Fact]
    public void A_pdf_without_bookmarks_is_one_section_per_page()
    {
        var pdf = Pdf(
            [Line("Warranty terms apply for two years.", 760), Line("Keep your receipt.", 745)],
            [],
            [Line("Contact support by e-mail.", 760)]);

        var document = DocumentText.Extract("warranty.pdf", "application/pdf", pdf);

        document.Title.ShouldBe("warranty");
        Paths(document).ShouldBe(
        [
            ("Page 1", "Warranty terms apply for two years. Keep your receipt."),
            ("Page 3", "Contact support by e-mail."),
        ]);
    }

    [Fact]
    public void A_pdf_with_bookmarks_takes_them_as_headings_from_where_they_point()
    {
        var pdf = Pdf(
            [
                Line("Cover note before any bookmark.", 780),
                Line("Safety", 700, 18),
                Line("Unplug the machine before cleaning.", 670),
                Line("Cleaning", 560, 14),
                Line("Wipe the drum with a dry cloth.", 530),
            ],
            [
                Line("Storage", 760, 18),
                Line("Store it somewhere dry.", 730),
            ]);
        pdf = WithBookmarks(pdf,
            Bookmark("Safety", 1, 720, Bookmark("Cleaning", 1, 578)),
            Bookmark("Storage", 2, 780));

        var document = DocumentText.Extract("manual.pdf", null, pdf);

        document.Title.ShouldBe("Safety");
        Paths(document).ShouldBe(
        [
            ("", "Cover note before any bookmark."),
            ("Safety", "Unplug the machine before cleaning."),
            ("Safety › Cleaning", "Wipe the drum with a dry cloth."),
            ("Storage", "Store it somewhere dry."),
        ]);
    }

    [Fact]
    public void A_pdf_in_two_columns_reads_one_column_after_the_other()
    {
        var pdf = Pdf([
            Line("Left column first line", 700, x: 50), Line("Left column second line", 686, x: 50), Line("Left column third line", 672, x: 50),
            Line("Right column first line", 700, x: 330), Line("Right column second line", 686, x: 330), Line("Right column third line", 672, x: 330),
        ]);

        var text = DocumentText.Extract("columns.pdf", null, pdf).Sections.ShouldHaveSingleItem().Text;

        text.ShouldBe("Left column first line Left column second line Left column third line\n\n"
            + "Right column first line Right column second line Right column third line");
    }

    [Fact]
    public void A_docx_reads_headings_by_style_paragraphs_lists_and_tables_in_order()
    {
        var docx = Docx(
            [HeadingStyle("Heading1", "heading 1"), HeadingStyle("berschrift2", "heading 2"), HeadingStyle("MyChapter", "My chapter", basedOn: "Heading1")],
            Para("Quality manual", "Title"),
            Para("Scope of the manual."),
            Para("Inspection", "Heading1"),
            Para("Every batch is sampled."),
            Para("Sampling plan", "berschrift2"),
            new Paragraph(new ParagraphProperties(new NumberingProperties(new NumberingLevelReference { Val = 0 }, new NumberingId { Val = 1 })), new Run(new Text("Take five pieces"))),
            WordTable(["Defect", "Action"], ["Scratch", "Rework"], ["Crack", "Scrap"]),
            new Paragraph(new ParagraphProperties(new OutlineLevel { Val = 1 }), new Run(new Text("Outlined subheading"))),
            new Paragraph(new Run(new Text("Tabbed"), new TabChar(), new Text("text"), new Break(), new Text("next line"))),
            Para("Release", "MyChapter"),
            Para("Signed off by QA."));

        var document = DocumentText.Extract("quality.docx", null, docx);

        document.Title.ShouldBe("Quality manual");
        Paths(document).ShouldBe(
        [
            ("Quality manual", "Scope of the manual."),
            ("Quality manual › Inspection", "Every batch is sampled."),
            ("Quality manual › Inspection › Sampling plan", "- Take five pieces\n\nDefect | Action\nScratch | Rework\nCrack | Scrap"),
            ("Quality manual › Inspection › Outlined subheading", "Tabbed\ttext\nnext line"),
            ("Quality manual › Release", "Signed off by QA."),
        ]);
    }

    [Fact]
    public void A_docx_without_style_definitions_knows_headings_by_their_style_ids()
    {
        var docx = Docx([], Para("Intro", "Heading1"), Para("Hello."), Para("Details", "Heading3"), Para("More."));

        var document = DocumentText.Extract("plain.docx", "application/octet-stream", docx);

        document.Title.ShouldBe("Intro");
        Paths(document).ShouldBe([("Intro", "Hello."), ("Intro › Details", "More.")]);
    }

    [Theory]
    [InlineData("malware.exe", "application/octet-stream")]
    [InlineData("old.doc", "application/msword")]
    [InlineData("sheet.xlsx", null)]
    [InlineData("noextension", null)]
    public void A_file_of_another_type_is_refused_with_the_types_accepted(string fileName, string? contentType)
    {
        var refused = Refusal(() => DocumentText.Extract(fileName, contentType, "hello"u8.ToArray()), "document_type_unsupported");
        refused.Message.ShouldContain(".pdf");
        refused.Message.ShouldContain(".docx");
    }

    [Fact]
    public void An_empty_or_too_large_file_is_refused()
    {
        Refusal(() => DocumentText.Extract("empty.txt", null, ReadOnlyMemory<byte>.Empty), "document_empty");
        Refusal(() => DocumentText.Extract("huge.txt", null, new byte[DocumentText.MaxBytes + 1]), "document_too_large")
            .Message.ShouldContain("20 MB");
    }

    [Fact]
    public void A_damaged_pdf_or_docx_and_a_zip_that_is_not_a_docx_are_unreadable()
    {
        var pdf = Pdf([Line("Some text", 700)]);
        Refusal(() => DocumentText.Extract("broken.pdf", null, pdf.AsMemory(0, pdf.Length / 3)), "document_unreadable");
        Refusal(() => DocumentText.Extract("fake.pdf", null, "this is not a pdf at all"u8.ToArray()), "document_unreadable");

        var docx = Docx([], Para("Hello"));
        Refusal(() => DocumentText.Extract("broken.docx", null, docx.AsMemory(0, docx.Length / 2)), "document_unreadable");
        Refusal(() => DocumentText.Extract("photos.docx", null, Zip(("photo.txt", "not a word document"))), "document_unreadable");
        Refusal(() => DocumentText.Extract("fake.docx", null, "plain text"u8.ToArray()), "document_unreadable");
    }

    [Fact]
    public void A_document_without_text_is_refused_and_a_scanned_pdf_is_told_to_need_ocr()
    {
        Refusal(() => DocumentText.Extract("scan.pdf", null, Pdf([], [])), "document_has_no_text").Message.ShouldContain("OCR");
        Refusal(() => DocumentText.Extract("blank.txt", null, " \r\n\t\r\n"u8.ToArray()), "document_has_no_text");
        Refusal(() => DocumentText.Extract("empty.html", null, "<html><script>x()</script></html>"u8.ToArray()), "document_has_no_text");
    }

    private static ExtractedDocument Extract(string fileName, string text) => DocumentText.Extract(fileName, null, Encoding.UTF8.GetBytes(text));

    private static List<(string Heading, string Text)> Paths(ExtractedDocument document) =>
        [.. document.Sections.Select(section => (string.Join(" › ", section.Headings), section.Text))];

    private static WeftException Refusal(Action read, string code)
    {
        var refused = Should.Throw<WeftException>(read);
        refused.Code.ShouldBe(code);
        refused.Kind.ShouldBe(ErrorKind.Invalid);
        return refused;
    }

    private sealed record PdfLine(string Text, double Y, double Size, double X);

    private static PdfLine Line(string text, double y, double size = 11, double x = 56) => new(text, y, size, x);

    private static byte[] Pdf(params PdfLine[][] pages)
    {
        using var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (var lines in pages)
        {
            var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
            foreach (var line in lines) page.AddText(line.Text, line.Size, new PdfPoint(line.X, line.Y), font);
        }
        return builder.Build();
    }

    // PdfDocumentBuilder writes bookmarks; copying the pages keeps the test's page layout and adds them.
    private static byte[] WithBookmarks(byte[] pdf, params BookmarkNode[] roots)
    {
        using var source = UglyToad.PdfPig.PdfDocument.Open(pdf);
        using var builder = new PdfDocumentBuilder();
        for (var number = 1; number <= source.NumberOfPages; number++) builder.AddPage(source, number);
        builder.Bookmarks = new Bookmarks(roots);
        return builder.Build();
    }

    private static DocumentBookmarkNode Bookmark(string title, int page, double top, params BookmarkNode[] children) =>
        new(title, 0, new ExplicitDestination(page, ExplicitDestinationType.XyzCoordinates, new ExplicitDestinationCoordinates(0, top)), children);

    private static Paragraph Para(string text, string? style = null) => style is null
        ? new Paragraph(new Run(new Text(text)))
        : new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = style }), new Run(new Text(text)));

    private static Table WordTable(params string[][] rows) =>
        new([.. rows.Select(cells => new TableRow([.. cells.Select(cell => new TableCell(Para(cell)))]))]);

    private static Style HeadingStyle(string id, string name, string? basedOn = null)
    {
        var style = new Style(new StyleName { Val = name }) { Type = StyleValues.Paragraph, StyleId = id };
        if (basedOn is not null) style.Append(new BasedOn { Val = basedOn });
        return style;
    }

    private static byte[] Docx(Style[] styles, params OpenXmlElement[] body)
    {
        using var stream = new MemoryStream();
        using (var word = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = word.AddMainDocumentPart();
            main.Document = new Document(new Body(body));
            if (styles.Length > 0) main.AddNewPart<StyleDefinitionsPart>().Styles = new Styles(styles);
        }
        return stream.ToArray();
    }

    private static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create))
        {
            foreach (var (name, text) in entries)
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(Encoding.UTF8.GetBytes(text));
            }
        }
        return stream.ToArray();
    }
}
