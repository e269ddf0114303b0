using Weft.Commerce.Inbound;

namespace Weft.Commerce.Tests.Inbound;

/// <summary>Where received goods go (the putaway rules in order, split by capacity) and which receipts quality control samples.</summary>
public sealed class PlanningPutawayAndSampling
{
    // Walking order is path order, B-01, B-02.
    private static PutawayBin Bin(long id, string path, decimal held = 0, bool holdsSku = false, decimal? capacity = 100) => new(id, path, held, holdsSku, capacity);

    [Fact]
    public void The_fixed_bin_comes_first_then_bins_holding_the_SKU_then_the_zone_then_the_closest_with_room()
    {
        PutawayBin[] bins = [Bin(4, "main/B/B-02"), Bin(1, "main/A/A-01", held: 90), Bin(3, "main/B/B-01", held: 95, holdsSku: true), Bin(2, "main/A/A-02", held: 60)];
        var plan = PutawayPlanner.Plan(70, bins, fixedBin: 1, zone: "main/A");
        plan.Suggestions.Select(s => (s.Bin.Path, s.Quantity, s.Rule)).ShouldBe([
            ("main/A/A-01", 10m, "fixed_bin"), ("main/B/B-01", 5m, "consolidation"), ("main/A/A-02", 40m, "category_zone"), ("main/B/B-02", 15m, "closest")]);
        plan.Unplaced.ShouldBe(0);
    }

    [Fact]
    public void Goods_split_across_bins_in_walking_order_when_one_is_full_and_what_fits_nowhere_is_left_unplaced()
    {
        PutawayBin[] bins = [Bin(2, "main/A/A-02", capacity: 100), Bin(1, "main/A/A-01", capacity: 50)];
        PutawayPlanner.Plan(56, bins, null, "main/A").Suggestions.Select(s => (s.Bin.Path, s.Quantity)).ShouldBe([("main/A/A-01", 50m), ("main/A/A-02", 6m)]);
        var over = PutawayPlanner.Plan(170, bins, null, null);
        over.Suggestions.Sum(s => s.Quantity).ShouldBe(150);
        over.Unplaced.ShouldBe(20);
    }

    [Fact]
    public void Units_go_in_whole_and_a_bin_without_a_capacity_takes_everything()
    {
        PutawayBin[] bins = [Bin(1, "main/A/A-01", held: 97.5m, capacity: 100), Bin(2, "main/A/A-02", capacity: null)];
        PutawayPlanner.Plan(10, bins, null, null).Suggestions.Select(s => (s.Bin.Path, s.Quantity)).ShouldBe([("main/A/A-01", 2m), ("main/A/A-02", 8m)]);
        PutawayPlanner.Plan(10, bins, null, null, wholeUnits: false).Suggestions.Select(s => s.Quantity).ShouldBe([2.5m, 7.5m]);
    }

    [Fact]
    public void Every_nth_checks_the_first_receipt_and_then_every_nth_and_every_unit_checks_all()
    {
        Enumerable.Range(1, 7).Select(n => QualityControl.Sample("every_nth", 3, 0, 5, n, "x", 40)).ShouldBe([5m, 0, 0, 5m, 0, 0, 5m]);
        QualityControl.Sample("every_unit", 0, 0, 5, 2, "x", 40).ShouldBe(40);
        QualityControl.Sample("every_nth", 1, 0, 0, 2, "x", 12).ShouldBe(12, "a sample size of 0 inspects every unit");
        QualityControl.Sample("none", 0, 0, 0, 1, "x", 12).ShouldBe(0);
    }

    [Fact]
    public void A_random_sample_draws_the_same_for_the_same_receipt_and_about_its_rate_over_many()
    {
        QualityControl.Sample("random_sample", 0, 0.2, 3, 1, "ASN-00001/TEE-M/", 40).ShouldBe(QualityControl.Sample("random_sample", 0, 0.2, 3, 1, "ASN-00001/TEE-M/", 40));
        var drawn = Enumerable.Range(1, 2000).Count(i => QualityControl.Sample("random_sample", 0, 0.2, 3, 1, $"ASN-{i:00000}/TEE-M/", 40) > 0);
        drawn.ShouldBeInRange(340, 460);
    }

    [Fact]
    public void An_inspection_passes_when_every_check_does_and_a_missing_result_fails()
    {
        QcCheckDefinition[] checks = [new("moisture", "measure", 14, 1, "%"), new("seal intact", "pass_fail")];
        var (passed, results) = QualityControl.Evaluate(checks, [new("moisture", Value: 14.4m), new("seal intact", Passed: true)]);
        passed.ShouldBeTrue();
        results[0].Why.ShouldBe("14.4 is 0.4 from 14, within the tolerance of 1");
        QualityControl.Evaluate(checks, [new("moisture", Value: 15.01m), new("seal intact", Passed: true)]).Passed.ShouldBeFalse();
        QualityControl.Evaluate(checks, [new("moisture", Value: 13m), new("seal intact", Passed: true)]).Passed.ShouldBeTrue("13 is exactly 1 from 14: within");
        var (unchecked_, missing) = QualityControl.Evaluate(checks, [new("moisture", Value: 14m)]);
        unchecked_.ShouldBeFalse();
        missing[1].Why.ShouldBe("not checked");
    }
}
