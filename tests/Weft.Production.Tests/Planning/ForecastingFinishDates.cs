using Weft.Production.Planning;

namespace Weft.Production.Tests.Planning;

public sealed class ForecastingFinishDates
{
    private static readonly DateOnly Monday = new(2026, 3, 2);

    private static readonly PlanAgent Stitcher = new("ana", ["stitching"], ShiftCalendar.Standard());

    // One stitcher on the standard calendar drains 480 minutes a weekday:
    //   cumulative  Mon 2: 480, Tue 3: 960, Wed 4: 1,440, Thu 5: 1,920, Fri 6: 2,400, Mon 9: 2,880
    // Queue order: B (priority 5, due Tue 3), A (priority 5, due Tue 10), C (priority 0, due Wed 4).
    //   B:   480                   → Mon 2, not late
    //   A:   480 + 960   = 1,440   → Wed 4, not late
    //   C: 1,440 + 1,200 = 2,640   → Mon 9, late against Wed 4
    private static readonly OpenOrder A = new(1, Monday.AddDays(8), 5, [new("stitching", 96, 10)]);
    private static readonly OpenOrder B = new(2, Monday.AddDays(1), 5, [new("stitching", 48, 10)]);
    private static readonly OpenOrder C = new(3, Monday.AddDays(2), 0, [new("stitching", 120, 10)]);

    [Fact]
    public void Orders_finish_when_the_queue_ahead_of_them_and_their_own_work_is_drained()
    {
        var forecasts = FinishForecast.For(Monday, [Stitcher], [A, B, C]);

        forecasts.ShouldBe(
        [
            new OrderForecast(1, Monday.AddDays(8), Monday.AddDays(2), Late: false),
            new OrderForecast(2, Monday.AddDays(1), Monday, Late: false),
            new OrderForecast(3, Monday.AddDays(2), Monday.AddDays(7), Late: true),
        ]);
    }

    [Fact]
    public void A_measured_time_per_piece_replaces_the_standard_minutes()
    {
        // C at 8 measured minutes a piece: 1,440 + 960 = 2,400 → Fri 6.
        var measured = new MeasuredWorkTimes().ForOrder(3, "stitching", 8);

        FinishForecast.For(Monday, [Stitcher], [A, B, C], measured).Single(f => f.OrderId == 3).Finish.ShouldBe(Monday.AddDays(4));
    }

    [Fact]
    public void A_measurement_for_the_order_wins_over_one_for_the_capability()
    {
        // Every order at 5 a piece but C at 8: B 240, A 480 → 720, C 960 → 1,680 → Thu 5.
        var measured = new MeasuredWorkTimes().ForCapability("stitching", 5).ForOrder(3, "stitching", 8);

        var forecasts = FinishForecast.For(Monday, [Stitcher], [A, B, C], measured);

        forecasts.Select(f => f.Finish).ShouldBe([Monday.AddDays(1), Monday, Monday.AddDays(3)]);
    }

    [Fact]
    public void An_order_without_a_due_date_queues_after_those_of_the_same_priority_with_one()
    {
        // Both 480 minutes, priority 5: the one due Friday drains on Monday, the one with no due date on Tuesday.
        var undated = new OpenOrder(1, null, 5, [new("stitching", 48, 10)]);
        var dated = new OpenOrder(2, Monday.AddDays(4), 5, [new("stitching", 48, 10)]);

        FinishForecast.For(Monday, [Stitcher], [undated, dated]).Select(f => f.Finish).ShouldBe([Monday.AddDays(1), Monday]);
    }

    [Fact]
    public void An_order_finishes_on_the_latest_day_over_the_capabilities_it_needs()
    {
        // Stitching 480 drains Monday; cutting 960 with one cutter drains Tuesday.
        var cutter = new PlanAgent("ben", ["cutting"], ShiftCalendar.Standard());
        var order = new OpenOrder(1, Monday, 0, [new("stitching", 48, 10), new("cutting", 96, 10)]);

        var forecast = FinishForecast.For(Monday, [Stitcher, cutter], [order]).Single();

        forecast.Finish.ShouldBe(Monday.AddDays(1));
        forecast.Late.ShouldBeTrue();
    }

    [Fact]
    public void The_finish_is_unknown_when_no_one_has_a_needed_capability()
    {
        var order = new OpenOrder(1, Monday.AddDays(-1), 0, [new("stitching", 1, 10), new("embroidery", 2, 30)]);

        var forecast = FinishForecast.For(Monday, [Stitcher], [order]).Single();

        forecast.Finish.ShouldBeNull();
        forecast.Reason.ShouldBe(ForecastReasons.NoPeople);
        forecast.Detail.ShouldBe("No one has the capability 'embroidery'.");
        forecast.Late.ShouldBeTrue();
    }

    [Fact]
    public void The_finish_is_unknown_when_the_queue_outlasts_the_horizon()
    {
        // Five days hold 2,400 minutes; C needs the queue drained to 2,640.
        var forecasts = FinishForecast.For(Monday, [Stitcher], [A, B, C], horizonDays: 5);

        forecasts.Single(f => f.OrderId == 1).Finish.ShouldBe(Monday.AddDays(2));
        var c = forecasts.Single(f => f.OrderId == 3);
        c.Finish.ShouldBeNull();
        c.Reason.ShouldBe(ForecastReasons.BeyondHorizon);
        c.Late.ShouldBeFalse();
    }

    [Fact]
    public void An_away_agent_drains_nothing()
    {
        var away = Stitcher with { Away = true };

        FinishForecast.For(Monday, [away], [B], horizonDays: 30).Single().Reason.ShouldBe(ForecastReasons.BeyondHorizon);
    }

    [Fact]
    public void An_order_with_nothing_left_finishes_today() =>
        FinishForecast.For(Monday, [Stitcher], [new OpenOrder(1, null, 0, [])]).Single().Finish.ShouldBe(Monday);
}
