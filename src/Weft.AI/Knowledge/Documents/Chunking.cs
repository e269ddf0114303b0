namespace Weft.AI.Knowledge.Documents;

/// <summary>
/// Cuts a document into chunks for search. Each section is cut on its own, so a chunk belongs to exactly one
/// heading path. A chunk takes as many words as fit in <c>maxChars</c> and ends at the strongest break among
/// them (a paragraph, else a line, else a sentence, else a word), the last such break when there are several.
/// The next chunk of the same section starts with about <c>overlapChars</c> of the previous one's end (whole
/// words, from a sentence start when that keeps at least half of it), so a fact cut in two is found whole in
/// one of them. Chunk text is a slice of the section's text, never cut inside a word unless the word alone is
/// longer than a chunk.
/// </summary>
internal static class Chunking
{
    public const string HeadingSeparator = " › ";

    public static IReadOnlyList<DocumentChunk> Split(ExtractedDocument document, int maxChars = 1500, int overlapChars = 200)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChars, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(overlapChars);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(overlapChars, maxChars);

        var chunks = new List<DocumentChunk>();
        foreach (var section in document.Sections)
        {
            var heading = string.Join(HeadingSeparator, section.Headings);
            foreach (var text in Pieces(section.Text, maxChars, overlapChars))
                chunks.Add(new DocumentChunk(chunks.Count + 1, heading, text));
        }
        return chunks;
    }

    private static IEnumerable<string> Pieces(string text, int maxChars, int overlapChars)
    {
        var words = ChunkWords.Of(text, maxChars);
        var first = 0;
        var done = -1;
        while (first < words.Count)
        {
            var last = LastFitting(words, first, maxChars);
            if (last <= done)
            {
                // The overlap leaves no room for the next word: start the chunk without it.
                first = done + 1;
                continue;
            }
            var end = last == words.Count - 1 ? last : BestEnd(words, done + 1, last);
            yield return text[words[first].Start..words[end].End];
            done = end;
            first = end == words.Count - 1 ? words.Count : OverlapStart(words, first, end, overlapChars);
        }
    }

    private static int LastFitting(List<ChunkWord> words, int first, int maxChars)
    {
        var last = first;
        while (last + 1 < words.Count && words[last + 1].End - words[first].Start <= maxChars) last++;
        return last;
    }

    /// <summary>The word in [from, to] after which the strongest break follows; the last of equals.</summary>
    private static int BestEnd(List<ChunkWord> words, int from, int to)
    {
        var best = to;
        for (var k = to - 1; k >= from; k--)
            if (words[k + 1].Before > words[best + 1].Before) best = k;
        return best;
    }

    /// <summary>Where the next chunk starts so that it repeats the end of [first, end]; end + 1 for no overlap.</summary>
    private static int OverlapStart(List<ChunkWord> words, int first, int end, int overlapChars)
    {
        int Length(int from) => words[end].End - words[from].Start;

        var start = end + 1;
        for (var k = end; k > first && Length(k) <= overlapChars; k--)
            if (words[k].Before != Boundary.InsideWord) start = k;
        if (start > end) return start;
        for (var k = start; k <= end && Length(k) * 2 >= overlapChars; k++)
            if (words[k].Before >= Boundary.Sentence) return k;
        return start;
    }
}
