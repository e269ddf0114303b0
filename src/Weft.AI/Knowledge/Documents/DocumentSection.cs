namespace Weft.AI.Knowledge.Documents;

/// <summary>The text between one heading and the next.</summary>
/// <param name="Headings">The path of headings above this text, outermost first (empty for text before any heading).</param>
/// <param name="Text">Paragraphs separated by a blank line; line endings are <c>\n</c>.</param>
internal sealed record DocumentSection(IReadOnlyList<string> Headings, string Text);
