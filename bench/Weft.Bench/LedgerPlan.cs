namespace Weft.Bench;

/// <summary>
/// Which move each writer of the ledger measurement makes next, the same for Weft and for the raw baseline. A warehouse
/// with a receiving location and <see cref="Bins"/> storage bins; SKU i lives in bin i mod <see cref="Bins"/>. A writer
/// takes its SKUs in turn and moves each through a receipt (supplier to receiving), a transfer (receiving to its bin)
/// and a pick (its bin to the customer), <see cref="Quantity"/> units each: what it takes out it has put in before, so
/// no move finds too little, whatever the other writers do. Spread: writer w of n has the SKUs w, w + n, w + 2n, … (no
/// two writers share one); one SKU: every writer moves the same SKU, <see cref="HotSku"/>.
/// </summary>
internal sealed class LedgerPlan
{
    public const int Bins = 20;
    public const decimal Quantity = 2;
    public const string HotSku = "HOT";
    public const int Receiving = 0;
    public const int Supplier = -1;
    public const int Customer = -2;

    private readonly int skus;
    private readonly bool hot;
    private readonly int writers;
    private readonly long[] steps;

    /// <param name="skus">The SKUs of the spread plan (<see cref="Sku"/> 0 to skus - 1).</param>
    /// <param name="hot">Every writer on <see cref="HotSku"/> (its index is <paramref name="skus"/>).</param>
    public LedgerPlan(int skus, int writers, bool hot)
    {
        this.skus = skus;
        this.writers = writers;
        this.hot = hot;
        if (!hot && writers > skus) throw new ArgumentException("Fewer SKUs than writers.", nameof(skus));
        steps = new long[writers];
    }

    /// <summary>A move: its SKU's index, reason, and sides (a bin's number 1-<see cref="Bins"/>, <see cref="Receiving"/>, or a virtual side).</summary>
    public readonly record struct Move(int Sku, string Reason, int From, int To, decimal? UnitCost);

    public static string Sku(int index, int skus) => index == skus ? HotSku : $"B-{index:D5}";

    public static int BinOf(int index) => 1 + (index % Bins);

    /// <summary>The next move of this writer (each writer calls it from its own loop only).</summary>
    public Move Next(int writer)
    {
        var step = steps[writer]++;
        var cycle = step / 3;
        var owned = ((skus - 1 - writer) / writers) + 1;
        var sku = hot ? skus : writer + (int)(cycle % owned * writers);
        var bin = BinOf(sku);
        return (step % 3) switch
        {
            // Costs that change, so that the moving average moves.
            0 => new Move(sku, "receipt", Supplier, Receiving, 3m + (cycle % 5 * 0.5m)),
            1 => new Move(sku, "transfer", Receiving, bin, null),
            _ => new Move(sku, "pick", bin, Customer, null),
        };
    }
}
