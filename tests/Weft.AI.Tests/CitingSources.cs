using Weft.AI.Knowledge;

namespace Weft.AI.Tests;

/// <summary>An answer cut at its citation marks, for the pages to link them: every character kept, each mark with the sources it cites.</summary>
public sealed class CitingSources
{
    [Fact]
    public void Marks_are_cut_out_with_their_numbers_and_the_text_around_them_is_kept()
    {
        var pieces = RunSources.Pieces("Refunds take 30 days [1]; parcels leave in 2 [2, 3].\nAsk again[4][1]");

        pieces.Select(p => p.Text).ShouldBe(["Refunds take 30 days ", "[1]", "; parcels leave in 2 ", "[2, 3]", ".\nAsk again", "[4]", "[1]"]);
        pieces.Select(p => string.Join(",", p.Cites)).ShouldBe(["", "1", "", "2,3", "", "4", "1"]);
        string.Concat(pieces.Select(p => p.Text)).ShouldBe("Refunds take 30 days [1]; parcels leave in 2 [2, 3].\nAsk again[4][1]");
    }

    [Theory]
    [InlineData("No sources here.")]
    [InlineData("A list [a], an array [ ] and a number too large [99999999999].")]
    public void Text_without_a_mark_is_one_plain_piece(string answer)
    {
        var pieces = RunSources.Pieces(answer);

        string.Concat(pieces.Select(p => p.Text)).ShouldBe(answer);
        pieces.ShouldAllBe(p => p.Cites.Count == 0);
    }

    [Fact]
    public void An_empty_answer_has_no_piece() => RunSources.Pieces("").ShouldBeEmpty();
}
