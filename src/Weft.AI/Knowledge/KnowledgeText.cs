using System.Globalization;
using Weft.Platform.Web.Ui;

namespace Weft.AI.Knowledge;

/// <summary>How the knowledge pages say counts, sizes and what a deletion takes away.</summary>
internal static class KnowledgeText
{
    /// <summary><c>1 document</c>, <c>12 chunks</c>.</summary>
    public static string Count(int count, string thing) =>
        count == 1 ? $"1 {thing}" : $"{count.ToString("N0", CultureInfo.InvariantCulture)} {thing}s";

    /// <summary>A file's size as people read it: <c>812 B</c>, <c>14.2 KB</c>, <c>3.4 MB</c>.</summary>
    public static string Size(long bytes) => bytes switch
    {
        < 1024 => bytes.ToString(CultureInfo.InvariantCulture) + " B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KB",
        _ => (bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MB",
    };

    /// <summary>The start of a chunk's text on one line, cut at a word near <paramref name="length"/> characters.</summary>
    public static string Excerpt(string text, int length = 200)
    {
        var line = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (line.Length <= length) return line;
        var cut = line.LastIndexOf(' ', length);
        return line[..(cut > length / 2 ? cut : length)].TrimEnd() + "…";
    }

    /// <summary>
    /// A search score with four decimals (<c>0.0328</c>), or three significant digits when it is smaller (bm25 gives a word
    /// found in half the chunks almost nothing: <c>0.00000199</c>); a dash when the ranking did not find the chunk.
    /// </summary>
    public static string Score(double? score)
    {
        if (score is not { } s) return Shown.Nothing;
        if (s == 0 || Math.Abs(s) >= 0.001) return s.ToString("0.0000", CultureInfo.InvariantCulture);
        var decimals = Math.Min(12, 2 - (int)Math.Floor(Math.Log10(Math.Abs(s))));
        return s.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>How a base is searched: by its words, and by meaning when it has an embeddings model.</summary>
    public static string Search(string? embeddingModel) =>
        embeddingModel is null ? "by words (lexical only)" : $"by words and by meaning with {embeddingModel} (hybrid)";

    public static string WhatDeletionRemoves(KnowledgeBaseDto knowledgeBase) => knowledgeBase.Documents == 0
        ? $"“{knowledgeBase.Key}” holds no document; agents that answer from it stop using it."
        : $"“{knowledgeBase.Key}” goes with its {Count(knowledgeBase.Documents, "document")} and {Count(knowledgeBase.Chunks, "chunk")}, " +
          "for good; agents that answer from it stop using it.";

    public static string WhatDeletionRemoves(DocumentDto document) =>
        $"“{document.Name}” and its {Count(document.Chunks, "chunk")} leave the knowledge base: nothing of it is found again. Runs that used it keep what they were given.";
}
