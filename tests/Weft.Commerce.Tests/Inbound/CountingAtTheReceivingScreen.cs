using Weft.Commerce.Inbound;

namespace Weft.Commerce.Tests.Inbound;

/// <summary>What each scan at the receiving screen counts, before anything is posted: codes of the notice count, anything else changes nothing.</summary>
public sealed class CountingAtTheReceivingScreen
{
    private static ReceivingTally Tally() => new("ASN-00007",
        [new AsnLineDto("TEE-M", "T-shirt", "", 3), new AsnLineDto("FLOUR", "Flour", "L1", 2), new AsnLineDto("FLOUR", "Flour", "L1", 1)],
        [new ScannableSku("TEE-M", "4006381333931", "none", Whole: true), new ScannableSku("FLOUR", null, "lot", Whole: false)]);

    [Fact]
    public void A_barcode_or_the_SKU_in_any_case_counts_one_more_unit_of_its_line()
    {
        var tally = Tally();
        tally.Scan("4006381333931", null).ShouldBe(new ScanResult(true, "TEE-M: 1 good of 3 expected."));
        tally.Scan(" tee-m ", "ignored for an untracked SKU").Ok.ShouldBeTrue();
        tally.Lines.Select(l => (l.Sku, l.Lot, l.Expected, l.Good)).ShouldBe([("TEE-M", "", 3m, 2m), ("FLOUR", "L1", 3m, 0m)]);
        tally.Selected!.Sku.ShouldBe("TEE-M");
    }

    [Fact]
    public void A_number_sets_the_good_count_of_the_last_line_scanned_and_the_damaged_key_moves_one_unit_to_damaged()
    {
        var tally = Tally();
        tally.Scan("TEE-M", null);
        tally.Scan("5", null).ShouldBe(new ScanResult(true, "TEE-M: 5 good of 3 expected."));
        tally.MarkDamaged().ShouldBe(new ScanResult(true, "One TEE-M marked damaged: 4 good, 1 damaged."));
        tally.Lines[0].Difference.ShouldBe(2m);
        tally.Scan("2.5", null).Ok.ShouldBeFalse("a T-shirt comes in whole units");
        tally.Scan("FLOUR", "L1");
        tally.Scan("2.5", null).ShouldBe(new ScanResult(true, "FLOUR lot L1: 2.5 good of 3 expected."));
        tally.ToRequest().Lines.ShouldBe([new ReceiveLineRequest("TEE-M", 4, 1, null), new ReceiveLineRequest("FLOUR", 2.5m, 0, "L1")]);
    }

    [Fact]
    public void Unknown_codes_a_quantity_before_any_scan_and_a_lot_tracked_SKU_without_its_lot_change_nothing()
    {
        var tally = Tally();
        tally.Scan("4006381333932", null).ShouldBe(new ScanResult(false, "'4006381333932' is not on ASN-00007: no SKU or barcode of its lines. Nothing was counted."));
        tally.Scan("3", null).Ok.ShouldBeFalse();
        tally.MarkDamaged().Ok.ShouldBeFalse();
        tally.Scan("FLOUR", "  ").ShouldBe(new ScanResult(false, "FLOUR is tracked by lot: type its lot in the Lot field, then scan it again. Nothing was counted."));
        tally.AnyCounted.ShouldBeFalse();
        tally.Lines.Count.ShouldBe(2);
    }

    [Fact]
    public void A_lot_the_notice_did_not_announce_is_counted_on_a_line_of_its_own()
    {
        var tally = Tally();
        tally.Scan("FLOUR", "L9").ShouldBe(new ScanResult(true, "FLOUR lot L9: 1 good of 0 expected (lot L9 is not on ASN-00007)."));
        tally.Lines.Select(l => (l.Sku, l.Lot, l.Expected, l.Good)).ShouldBe([("TEE-M", "", 3m, 0m), ("FLOUR", "L1", 3m, 0m), ("FLOUR", "L9", 0m, 1m)]);
    }
}
