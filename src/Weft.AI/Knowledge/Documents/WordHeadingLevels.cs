using DocumentFormat.OpenXml.Wordprocessing;

namespace Weft.AI.Knowledge.Documents;

/// <summary>
/// Which Word paragraphs are headings, and of which level (0 for Title, 1–6 for Heading 1–6). A localised Word
/// gives its styles other ids (German "berschrift1") but keeps the built-in English names ("heading 1"), so the
/// name is read too; a custom style counts by its outline level or the heading style it is based on.
/// </summary>
internal sealed class WordHeadingLevels
{
    private const int MaxBasedOnDepth = 16;
    private readonly Dictionary<string, int?> byStyleId;

    private WordHeadingLevels(Dictionary<string, int?> byStyleId) => this.byStyleId = byStyleId;

    public static WordHeadingLevels Of(Styles? styles)
    {
        var byId = new Dictionary<string, Style>(StringComparer.Ordinal);
        foreach (var style in styles?.Elements<Style>() ?? [])
            if (style.StyleId?.Value is string id) byId.TryAdd(id, style);
        return new WordHeadingLevels(byId.Keys.ToDictionary(id => id, id => Resolve(id, byId, 0), StringComparer.Ordinal));
    }

    /// <summary>The paragraph's heading level, or null for a paragraph of text.</summary>
    public int? Of(Paragraph paragraph)
    {
        var properties = paragraph.ParagraphProperties;
        // An outline level set on the paragraph itself wins over its style's, as in Word.
        if (properties?.OutlineLevel?.Val?.Value is int outline) return FromOutline(outline);
        var styleId = properties?.ParagraphStyleId?.Val?.Value;
        if (styleId is null) return null;
        return byStyleId.TryGetValue(styleId, out var level) ? level : FromName(styleId);
    }

    private static int? Resolve(string id, Dictionary<string, Style> styles, int depth)
    {
        if (!styles.TryGetValue(id, out var style)) return FromName(id);
        return FromName(id)
            ?? FromName(style.StyleName?.Val?.Value)
            ?? FromOutline(style.StyleParagraphProperties?.OutlineLevel?.Val?.Value)
            ?? (style.BasedOn?.Val?.Value is string parent && depth < MaxBasedOnDepth ? Resolve(parent, styles, depth + 1) : null);
    }

    private static int? FromName(string? name)
    {
        var plain = name?.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
        if (plain == "title") return 0;
        return plain is ['h', 'e', 'a', 'd', 'i', 'n', 'g', >= '1' and <= '6' and var digit] ? digit - '0' : null;
    }

    // OOXML counts outline levels from 0 (Heading 1) to 8; 9 is body text. Levels past Heading 6 stay text.
    private static int? FromOutline(int? outline) => outline is >= 0 and <= 5 ? outline + 1 : null;
}
