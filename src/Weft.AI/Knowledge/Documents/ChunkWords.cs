namespace Weft.AI.Knowledge.Documents;

/// <summary>Cuts a section's text into words (runs of non-space) and notes the kind of break before each.</summary>
internal static class ChunkWords
{
    private const string SentenceEnds = ".!?…。！？";
    private const string Closers = "\"')]}”’»";

    /// <summary>The words of <paramref name="text"/>; a word longer than <paramref name="maxChars"/> comes in pieces.</summary>
    public static List<ChunkWord> Of(string text, int maxChars)
    {
        var words = new List<ChunkWord>();
        var i = 0;
        while (i < text.Length)
        {
            var newlines = 0;
            for (; i < text.Length && char.IsWhiteSpace(text[i]); i++)
                if (text[i] == '\n') newlines++;
            if (i == text.Length) break;
            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i])) i++;
            var before = newlines switch
            {
                >= 2 => Boundary.Paragraph,
                1 => Boundary.Line,
                _ when words.Count > 0 && EndsSentence(text, words[^1]) => Boundary.Sentence,
                _ => Boundary.Word,
            };
            AddInPieces(words, start, i, before, text, maxChars);
        }
        return words;
    }

    private static void AddInPieces(List<ChunkWord> words, int start, int end, Boundary before, string text, int maxChars)
    {
        for (var from = start; from < end; before = Boundary.InsideWord)
        {
            var to = Math.Min(end, from + maxChars);
            // Never split a surrogate pair (an emoji, a rare CJK character) between two chunks.
            if (to < end && to - 1 > from && char.IsHighSurrogate(text[to - 1])) to--;
            words.Add(new ChunkWord(from, to, before));
            from = to;
        }
    }

    private static bool EndsSentence(string text, ChunkWord word)
    {
        var last = word.End - 1;
        while (last > word.Start && Closers.Contains(text[last], StringComparison.Ordinal)) last--;
        return SentenceEnds.Contains(text[last], StringComparison.Ordinal);
    }
}
