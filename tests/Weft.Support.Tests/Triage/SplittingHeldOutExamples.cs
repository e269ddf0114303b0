using Weft.Support.Triage;

namespace Weft.Support.Tests.Triage;

public sealed class SplittingHeldOutExamples
{
    private static readonly IReadOnlyList<IntentExample> Many =
    [
        .. Enumerable.Range(0, 50).Select(i => new IntentExample($"a {i}", "a")),
        .. Enumerable.Range(0, 20).Select(i => new IntentExample($"b {i}", "b")),
        .. Enumerable.Range(0, 7).Select(i => new IntentExample($"c {i}", "c")),
        new IntentExample("d 0", "d"),
    ];

    [Fact]
    public void Each_intent_gives_the_same_share_of_its_examples()
    {
        var (train, heldOut) = HeldOutSplit.Of(Many, 20, seed: 7);

        heldOut.Count(e => e.Intent == "a").ShouldBe(10);
        heldOut.Count(e => e.Intent == "b").ShouldBe(4);
        heldOut.Count(e => e.Intent == "c").ShouldBe(1);
        (train.Count + heldOut.Count).ShouldBe(Many.Count);
        train.Intersect(heldOut).ShouldBeEmpty();
    }

    [Fact]
    public void An_intent_with_one_example_keeps_it_for_training()
    {
        var (train, heldOut) = HeldOutSplit.Of(Many, 20, seed: 7);
        heldOut.ShouldNotContain(e => e.Intent == "d");
        train.ShouldContain(e => e.Intent == "d");
    }

    [Fact]
    public void The_same_seed_gives_the_same_split_and_another_seed_another()
    {
        HeldOutSplit.Of(Many, 20, seed: 7).HeldOut.ShouldBe(HeldOutSplit.Of(Many, 20, seed: 7).HeldOut);
        HeldOutSplit.Of(Many, 20, seed: 8).HeldOut.ShouldNotBe(HeldOutSplit.Of(Many, 20, seed: 7).HeldOut);
    }
}
