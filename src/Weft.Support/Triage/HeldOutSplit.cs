namespace Weft.Support.Triage;

/// <summary>
/// Sets aside a part of the examples to score a model on: the same share of every intent (stratified), chosen by a
/// seeded shuffle, so the same examples and seed always give the same split. An intent with one example keeps it for
/// training: a model cannot be scored on an intent it never saw.
/// </summary>
internal static class HeldOutSplit
{
    public static (List<IntentExample> Train, List<IntentExample> HeldOut) Of(IReadOnlyList<IntentExample> examples, int percent, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 50);
        var random = new Random(seed);
        List<IntentExample> train = [], heldOut = [];
        foreach (var intent in examples.GroupBy(e => e.Intent, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var group = intent.ToArray();
            random.Shuffle(group);
            var take = group.Length < 2 ? 0 : Math.Max(percent > 0 ? 1 : 0, (int)Math.Round(group.Length * percent / 100.0, MidpointRounding.AwayFromZero));
            heldOut.AddRange(group.Take(take));
            train.AddRange(group.Skip(take));
        }
        return (train, heldOut);
    }
}
