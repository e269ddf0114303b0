using System.Globalization;
using Weft.Commerce.Ui;

namespace Weft.Commerce.Inbound;

/// <summary>
/// What a clerk counts at the receiving screen, scan by scan, before the receipt is posted: a SKU or barcode of the
/// notice counts one more unit of its line (of the lot in the lot field, for a lot-tracked SKU); a number sets how many
/// good units of the last scanned line were counted; the last unit can be marked damaged. Anything else is refused and
/// changes nothing.
/// </summary>
internal sealed class ReceivingTally
{
    /// <summary>A quantity is typed, a barcode is scanned: longer numbers are codes.</summary>
    public const int MaxQuantityLength = 9;

    private readonly string notice;
    private readonly Dictionary<string, ScannableSku> codes = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> names = new(StringComparer.Ordinal);
    private readonly List<TallyLine> lines = [];

    public ReceivingTally(string notice, IReadOnlyList<AsnLineDto> announced, IReadOnlyList<ScannableSku> skus)
    {
        this.notice = notice;
        foreach (var sku in skus.Where(s => announced.Any(a => a.Sku == s.Sku)))
        {
            codes[sku.Sku] = sku;
            if (!string.IsNullOrWhiteSpace(sku.Barcode)) codes.TryAdd(sku.Barcode, sku);
        }
        foreach (var group in announced.GroupBy(a => (a.Sku, a.Lot)))
        {
            names[group.Key.Sku] = group.First().ProductName;
            lines.Add(new TallyLine(group.Key.Sku, group.First().ProductName, group.Key.Lot, group.Sum(a => a.Quantity)));
        }
    }

    public IReadOnlyList<TallyLine> Lines => lines;

    /// <summary>The line the last scan counted: a typed quantity or a damaged mark is for it.</summary>
    public TallyLine? Selected { get; private set; }

    public bool AnyCounted => lines.Any(l => l.Good + l.Damaged > 0);

    public ScanResult Scan(string code, string? lot)
    {
        code = code.Trim();
        if (codes.TryGetValue(code, out var sku)) return Count(sku, lot?.Trim() ?? "");
        if (code.Length <= MaxQuantityLength && decimal.TryParse(code, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var quantity))
            return SetQuantity(quantity);
        return new(false, $"'{code}' is not on {notice}: no SKU or barcode of its lines. Nothing was counted.");
    }

    public ScanResult MarkDamaged()
    {
        if (Selected is not { } line) return new(false, "Scan an item first: the damaged mark is for the last item scanned.");
        if (line.Good < 1) return new(false, $"No good unit of {line.Name} is left to mark damaged.");
        line.Good -= 1;
        line.Damaged += 1;
        return new(true, $"One {line.Name} marked damaged: {Amounts.Quantity(line.Good)} good, {Amounts.Quantity(line.Damaged)} damaged.");
    }

    /// <summary>The receipt to post: every line counted (a line not counted at all arrived not at all).</summary>
    public ReceiveRequest ToRequest() =>
        new([.. lines.Where(l => l.Good + l.Damaged > 0).Select(l => new ReceiveLineRequest(l.Sku, l.Good, l.Damaged, l.Lot.Length == 0 ? null : l.Lot))]);

    private ScanResult Count(ScannableSku sku, string lot)
    {
        if (!sku.ByLot) lot = "";
        else if (lot.Length == 0) return new(false, $"{sku.Sku} is tracked by lot: type its lot in the Lot field, then scan it again. Nothing was counted.");
        var line = lines.FirstOrDefault(l => l.Sku == sku.Sku && l.Lot == lot);
        if (line is null)
        {
            // A lot the notice did not announce: counted, and the receipt records it as a wrong lot.
            line = new TallyLine(sku.Sku, names[sku.Sku], lot, 0);
            lines.Add(line);
        }
        line.Good += 1;
        Selected = line;
        return new(true, $"{line.Name}: {Counted(line)}{(line.Expected == 0 ? $" (lot {lot} is not on {notice})" : "")}.");
    }

    private ScanResult SetQuantity(decimal quantity)
    {
        if (Selected is not { } line) return new(false, $"Scan an item before typing a quantity: '{Amounts.Quantity(quantity)}' is not a code on {notice}.");
        if (quantity > 1_000_000_000 || decimal.Round(quantity, 4) != quantity)
            return new(false, "A quantity is at most 1,000,000,000, with at most 4 decimals. Nothing was changed.");
        if (codes[line.Sku].Whole && decimal.Truncate(quantity) != quantity)
            return new(false, $"{line.Sku} comes in whole units: {Amounts.Quantity(quantity)} is not a count. Nothing was changed.");
        line.Good = quantity;
        return new(true, $"{line.Name}: {Counted(line)}.");
    }

    private static string Counted(TallyLine line) =>
        $"{Amounts.Quantity(line.Good)} good{(line.Damaged > 0 ? $", {Amounts.Quantity(line.Damaged)} damaged" : "")} of {Amounts.Quantity(line.Expected)} expected";
}
