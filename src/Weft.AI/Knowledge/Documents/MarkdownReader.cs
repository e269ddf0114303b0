using System.Text;
using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Weft.AI.Knowledge.Documents;

/// <summary>
/// Markdown: Markdig finds the headings (ATX and setext, never inside code blocks or fences), and the text between
/// two headings is kept as it was written, so lists, tables and code stay readable Markdown in the chunks.
/// Only top-level headings cut sections: one inside a list or quote is part of its text.
/// </summary>
internal static class MarkdownReader
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseYamlFrontMatter().Build();

    public static ExtractedDocument Read(string markdown, string fileTitle)
    {
        MarkdownDocument parsed;
        try
        {
            parsed = Markdown.Parse(markdown, Pipeline);
        }
        catch (ArgumentException)
        {
            // Markdig refuses blocks nested past its depth limit (thousands of '>' or list markers, or a vast
            // table); the words are still worth indexing, so the file is read as plain text.
            return PlainTextReader.Read(markdown, fileTitle);
        }
        var sections = new SectionBuilder();
        var from = 0;
        foreach (var block in parsed)
        {
            if (block is not (HeadingBlock or YamlFrontMatterBlock)) continue;
            var start = Math.Clamp(block.Span.Start, from, markdown.Length);
            sections.Paragraph(markdown[from..start]);
            if (block is HeadingBlock heading) sections.Heading(heading.Level, PlainText(heading.Inline));
            from = LineEnd(markdown, Math.Clamp(block.Span.End, start, markdown.Length));
        }
        sections.Paragraph(markdown[from..]);
        return sections.Build(sections.FirstTopLevelHeading ?? fileTitle);
    }

    // A heading's span stops before an ATX closing sequence ("## Title ##"); the whole line is the heading's.
    private static int LineEnd(string markdown, int index)
    {
        var newline = markdown.IndexOf('\n', index);
        return newline < 0 ? markdown.Length : newline + 1;
    }

    /// <summary>A heading's words without their Markdown: <c>## The *new* `api`</c> is "The new api".</summary>
    private static string PlainText(ContainerInline? inlines)
    {
        var text = new StringBuilder();
        Append(inlines, text);
        return text.ToString();
    }

    private static void Append(Inline? inline, StringBuilder text)
    {
        for (; inline is not null; inline = inline.NextSibling)
        {
            switch (inline)
            {
                case LiteralInline literal: text.Append(literal.Content.ToString()); break;
                case CodeInline code: text.Append(code.Content); break;
                case HtmlEntityInline entity: text.Append(entity.Transcoded.ToString()); break;
                case AutolinkInline link: text.Append(link.Url); break;
                case LineBreakInline: text.Append(' '); break;
                case ContainerInline container: Append(container.FirstChild, text); break;
            }
        }
    }
}
