using System.Text;
using Weft.AI.Knowledge.Documents;

namespace Weft.AI.Tests;

/// <summary>A document's sections cut into chunks: bounded in size, overlapping, cut between words, each under one heading path.</summary>
public sealed class ChunkingDocuments
{
    private static readonly string[] Vocabulary =
    [
        "order", "parcel", "carrier", "refund", "invoice", "warehouse", "customer", "ticket", "supplier", "batch",
        "quality", "inspection", "delivery", "return", "label", "pallet", "schedule", "capacity", "contract", "price",
        "a", "the", "is", "of", "to", "and", "within", "before", "after", "every", "internationalisation", "replenishment",
    ];

    [Fact]
    public void A_short_section_is_one_chunk_under_its_heading_path()
    {
        var document = new ExtractedDocument("Guide", [new DocumentSection(["Guide", "Install", "Linux"], "Run the installer.")]);

        Chunking.Split(document).ShouldBe([new DocumentChunk(1, "Guide › Install › Linux", "Run the installer.")]);
    }

    [Fact]
    public void Sections_are_never_merged_and_empty_ones_give_no_chunk()
    {
        var document = new ExtractedDocument("Guide",
        [
            new DocumentSection([], "Before any heading."),
            new DocumentSection(["Guide"], "Short."),
            new DocumentSection(["Guide", "Empty"], "  \n\n "),
            new DocumentSection(["Guide", "Also short"], "Tiny."),
        ]);

        Chunking.Split(document).ShouldBe(
        [
            new DocumentChunk(1, "", "Before any heading."),
            new DocumentChunk(2, "Guide", "Short."),
            new DocumentChunk(3, "Guide › Also short", "Tiny."),
        ]);
    }

    [Theory]
    [InlineData(1500, 200)]
    [InlineData(400, 80)]
    [InlineData(120, 0)]
    [InlineData(60, 40)]
    public void No_chunk_is_longer_than_the_maximum_and_every_word_is_in_one(int maxChars, int overlapChars)
    {
        var text = Prose(seed: maxChars, paragraphs: 30);

        var chunks = Chunking.Split(Single(text), maxChars, overlapChars);

        chunks.ShouldAllBe(chunk => chunk.Text.Length <= maxChars && chunk.Text.Length > 0);
        chunks.Select(chunk => chunk.Sequence).ShouldBe(Enumerable.Range(1, chunks.Count));
        var covered = string.Join(" ", chunks.Select(chunk => chunk.Text)).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).ShouldAllBe(word => covered.Contains(word));
    }

    [Theory]
    [InlineData(1500, 200)]
    [InlineData(400, 80)]
    [InlineData(200, 60)]
    public void Chunks_are_cut_between_words_and_consecutive_ones_overlap_by_about_the_overlap(int maxChars, int overlapChars)
    {
        var text = Prose(seed: 11, paragraphs: 40);

        var placed = Place(text, Chunking.Split(Single(text), maxChars, overlapChars));

        placed.Count.ShouldBeGreaterThan(5);
        foreach (var (start, end) in placed)
        {
            (start == 0 || char.IsWhiteSpace(text[start - 1])).ShouldBeTrue($"chunk at {start} starts inside a word");
            (end == text.Length || char.IsWhiteSpace(text[end])).ShouldBeTrue($"chunk ending at {end} ends inside a word");
        }
        for (var i = 1; i < placed.Count; i++)
        {
            var overlap = placed[i - 1].End - placed[i].Start;
            overlap.ShouldBeInRange(overlapChars / 2, overlapChars, $"overlap between chunks {i} and {i + 1}");
        }
        placed[^1].End.ShouldBe(text.Length);
    }

    [Fact]
    public void A_chunk_ends_at_a_paragraph_break_when_one_fits()
    {
        var first = Sentences(seed: 1, chars: 700);
        var second = Sentences(seed: 2, chars: 1000);

        var chunks = Chunking.Split(Single(first + "\n\n" + second));

        chunks.Count.ShouldBe(2);
        chunks[0].Text.ShouldBe(first);
        chunks[1].Text.ShouldEndWith(second);
        first.ShouldEndWith(chunks[1].Text[..^second.Length].TrimEnd());
    }

    [Fact]
    public void Within_a_long_paragraph_a_chunk_ends_at_a_sentence_and_within_a_long_sentence_at_a_word()
    {
        var paragraph = Sentences(seed: 3, chars: 5000);
        var chunks = Chunking.Split(Single(paragraph), 500, 100);
        chunks.Count.ShouldBeGreaterThan(10);
        chunks.ShouldAllBe(chunk => chunk.Text.EndsWith('.'));

        var sentence = string.Join(' ', Enumerable.Range(1, 300).Select(i => $"word{i}"));
        var pieces = Chunking.Split(Single(sentence), 100, 20);
        pieces.ShouldAllBe(chunk => chunk.Text.StartsWith("word") && chunk.Text.Length <= 100);
        string.Join(' ', pieces.Select(chunk => chunk.Text)).Split(' ').Distinct().Count().ShouldBe(300);
    }

    [Fact]
    public void A_word_longer_than_a_chunk_is_the_one_thing_cut_inside()
    {
        var token = new string('x', 250);

        var chunks = Chunking.Split(Single($"Key: {token} end."), 100, 20);

        chunks.ShouldAllBe(chunk => chunk.Text.Length <= 100);
        string.Concat(chunks.Select(chunk => chunk.Text)).Count(c => c == 'x').ShouldBeGreaterThanOrEqualTo(250);
        chunks[0].Text.ShouldBe("Key:");
        chunks[^1].Text.ShouldEndWith("end.");
    }

    [Fact]
    public void Every_chunk_of_a_read_document_carries_its_sections_heading_path_and_not_the_heading()
    {
        var markdown = new StringBuilder("# Handbook\n\n").Append(Prose(seed: 5, paragraphs: 6))
            .Append("\n\n## Shipping\n\n### Zones\n\n").Append(Prose(seed: 6, paragraphs: 8))
            .Append("\n\n## Returns\n\n").Append(Prose(seed: 7, paragraphs: 3)).ToString();
        var document = DocumentText.Extract("handbook.md", null, Encoding.UTF8.GetBytes(markdown));

        var chunks = Chunking.Split(document, 400, 80);

        chunks.Select(chunk => chunk.Heading).Distinct().ShouldBe(["Handbook", "Handbook › Shipping › Zones", "Handbook › Returns"]);
        chunks.Count(chunk => chunk.Heading == "Handbook › Shipping › Zones").ShouldBeGreaterThan(2);
        chunks.ShouldAllBe(chunk => !chunk.Text.Contains('#') && !chunk.Text.Contains("Shipping") && !chunk.Text.Contains("Handbook"));
    }

    [Fact]
    public void Splitting_the_same_document_twice_gives_the_same_chunks()
    {
        ExtractedDocument Build() => new("Doc", [new DocumentSection(["A"], Prose(9, 20)), new DocumentSection(["A", "B"], Prose(10, 20))]);

        Chunking.Split(Build(), 300, 60).ShouldBe(Chunking.Split(Build(), 300, 60));
    }

    [Fact]
    public void An_overlap_as_long_as_a_chunk_is_a_mistake_of_the_caller()
    {
        var document = Single("text");
        Should.Throw<ArgumentOutOfRangeException>(() => Chunking.Split(document, 100, 100));
        Should.Throw<ArgumentOutOfRangeException>(() => Chunking.Split(document, 0, 0));
        Should.Throw<ArgumentOutOfRangeException>(() => Chunking.Split(document, 100, -1));
    }

    private static ExtractedDocument Single(string text) => new("Doc", [new DocumentSection(["Doc"], text)]);

    // Each chunk's place in the section's text; chunks come in order, so each is searched from the last one's start.
    private static List<(int Start, int End)> Place(string text, IReadOnlyList<DocumentChunk> chunks)
    {
        var placed = new List<(int Start, int End)>();
        var from = 0;
        foreach (var chunk in chunks)
        {
            var start = text.IndexOf(chunk.Text, from, StringComparison.Ordinal);
            start.ShouldBeGreaterThanOrEqualTo(0, "a chunk is a slice of its section's text");
            placed.Add((start, start + chunk.Text.Length));
            from = start + 1;
        }
        return placed;
    }

    private static string Prose(int seed, int paragraphs)
    {
        var random = new Random(seed);
        return string.Join("\n\n", Enumerable.Range(0, paragraphs).Select(_ => Sentences(random.Next(), random.Next(40, 900))));
    }

    private static string Sentences(int seed, int chars)
    {
        var random = new Random(seed);
        var text = new StringBuilder();
        while (text.Length < chars)
        {
            var words = Enumerable.Range(0, random.Next(4, 25)).Select(_ => Vocabulary[random.Next(Vocabulary.Length)]).ToArray();
            words[0] = char.ToUpperInvariant(words[0][0]) + words[0][1..];
            text.Append(text.Length > 0 ? " " : "").AppendJoin(' ', words).Append('.');
        }
        return text.ToString();
    }
}
