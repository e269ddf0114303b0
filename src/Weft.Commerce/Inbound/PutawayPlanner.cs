namespace Weft.Commerce.Inbound;

/// <summary>A bin goods can be put away in: where it is in the walk (its path), what it holds and will hold, and its capacity.</summary>
/// <param name="Held">What it holds now of every SKU, plus what open putaways are already bringing.</param>
/// <param name="HoldsSku">Whether it holds the SKU being put away (same-SKU consolidation).</param>
/// <param name="Capacity">Null: no limit.</param>
internal sealed record PutawayBin(long Id, string Path, decimal Held, bool HoldsSku, decimal? Capacity)
{
    public decimal Free => Capacity is { } c ? Math.Max(0, c - Held) : decimal.MaxValue;
}

/// <summary>Put <see cref="Quantity"/> in <see cref="Bin"/>, because of <see cref="Rule"/>.</summary>
internal sealed record PutawaySuggestion(PutawayBin Bin, decimal Quantity, string Rule);

/// <summary>Where goods go, and what did not fit anywhere.</summary>
internal sealed record PutawayPlan(IReadOnlyList<PutawaySuggestion> Suggestions, decimal Unplaced);

/// <summary>
/// Suggests where received goods go, trying the rules in order and splitting across bins when one is full: the product's
/// fixed bin; bins that already hold the SKU (consolidation); bins in its category's zone; then the closest bin with free
/// capacity, "closest" being the first in walking order (bins are numbered along the walk, so their paths sort that way).
/// Each bin is offered once, under the first rule that names it.
/// </summary>
internal static class PutawayPlanner
{
    /// <param name="fixedBin">The product's fixed bin, if it has one.</param>
    /// <param name="zone">The path of the zone its category is stored in, if any (its bins are those under it).</param>
    /// <param name="wholeUnits">A product counted in units goes in whole units: a bin with room for 2.5 takes 2.</param>
    public static PutawayPlan Plan(decimal quantity, IReadOnlyList<PutawayBin> bins, long? fixedBin, string? zone, bool wholeUnits = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        var walk = bins.OrderBy(b => b.Path, StringComparer.Ordinal).ToList();
        var candidates = new List<(PutawayBin Bin, string Rule)>();
        void Offer(IEnumerable<PutawayBin> these, string rule)
        {
            foreach (var bin in these)
                if (candidates.All(c => c.Bin.Id != bin.Id)) candidates.Add((bin, rule));
        }
        Offer(walk.Where(b => b.Id == fixedBin), "fixed_bin");
        Offer(walk.Where(b => b.HoldsSku), "consolidation");
        if (zone is not null) Offer(walk.Where(b => b.Path.StartsWith(zone + "/", StringComparison.Ordinal)), "category_zone");
        Offer(walk, "closest");

        var left = quantity;
        var suggestions = new List<PutawaySuggestion>();
        foreach (var (bin, rule) in candidates)
        {
            if (left == 0) break;
            var take = Math.Min(left, wholeUnits ? decimal.Floor(bin.Free) : bin.Free);
            if (take <= 0) continue;
            suggestions.Add(new PutawaySuggestion(bin, take, rule));
            left -= take;
        }
        return new PutawayPlan(suggestions, left);
    }
}
