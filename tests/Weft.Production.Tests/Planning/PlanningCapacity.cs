using Weft.Production.Planning;

namespace Weft.Production.Tests.Planning;

public sealed class PlanningCapacity
{
    private static readonly DateOnly Monday = new(2026, 3, 2);
    private static readonly DateOnly Saturday = new(2026, 2, 28);

    private static PlanAgent Agent(string key, string[] capabilities, bool away = false, params DateOnly[] daysOff) =>
        new(key, capabilities, ShiftCalendar.Standard(daysOff), away);

    private static OpenOrder Order(long id, DateOnly? due, params RemainingWork[] work) => new(id, due, 0, work);

    private static RemainingWork Stitching(double pieces, double minutesPerPiece) => new("stitching", pieces, minutesPerPiece);

    [Fact]
    public void The_hand_checked_week_matches_the_plan()
    {
        // Team, standard calendar (480 min a weekday): Ana stitches; Ben stitches and cuts, off on Wednesday; Cleo cuts, away.
        // Available   Mon  Tue  Wed  Thu  Fri
        //   stitching 960  960  480  960  960   Ana + Ben, Ana alone on Wednesday
        //   cutting   480  480    0  480  480   Ben only: Cleo is away
        //   total     960  960  480  960  960   Ana and Ben once each
        // Orders:
        //   MO 1: 120 pieces × 10 min = 1,200 stitching, due Friday: 5 working days → 240 a day
        //   MO 2: 800 stitching, no due date → all on Monday
        //   MO 3: 30 pieces × 10 min = 300 cutting, due Wednesday: cutting works Mon and Tue only → 150 each
        // Demand      Mon   Tue  Wed  Thu  Fri
        //   stitching 1040  240  240  240  240   Monday 240 + 800 > 960: overloaded
        //   cutting    150  150    0    0    0
        //   total     1190  390  240  240  240   Monday 1190 > 960: overloaded
        var agents = new[]
        {
            Agent("ana", ["stitching"]),
            Agent("ben", ["stitching", "cutting"], daysOff: Monday.AddDays(2)),
            Agent("cleo", ["cutting"], away: true),
        };
        var orders = new[]
        {
            Order(1, Monday.AddDays(4), Stitching(120, 10)),
            Order(2, null, Stitching(800, 1)),
            Order(3, Monday.AddDays(2), new RemainingWork("cutting", 30, 10)),
        };

        var plan = CapacityPlan.Build(Monday, 5, agents, orders);

        plan.Days.Select(d => d.Date).ShouldBe([Monday, Monday.AddDays(1), Monday.AddDays(2), Monday.AddDays(3), Monday.AddDays(4)]);
        plan.Days.Select(d => d.For("stitching").Available).ShouldBe([960, 960, 480, 960, 960]);
        plan.Days.Select(d => d.For("stitching").Demanded).ShouldBe([1040, 240, 240, 240, 240], tolerance: 1e-9);
        plan.Days.Select(d => d.For("stitching").Overloaded).ShouldBe([true, false, false, false, false]);
        plan.Days.Select(d => d.For("cutting").Available).ShouldBe([480, 480, 0, 480, 480]);
        plan.Days.Select(d => d.For("cutting").Demanded).ShouldBe([150, 150, 0, 0, 0], tolerance: 1e-9);
        plan.Days.Select(d => d.For("cutting").Overloaded).ShouldAllBe(o => !o);
        plan.Days.Select(d => d.Total.Available).ShouldBe([960, 960, 480, 960, 960]);
        plan.Days.Select(d => d.Total.Demanded).ShouldBe([1190, 390, 240, 240, 240], tolerance: 1e-9);
        plan.Days.Select(d => d.Total.Overloaded).ShouldBe([true, false, false, false, false]);
        plan.AfterPlan.ShouldBeEmpty();
    }

    [Fact]
    public void An_away_agent_contributes_no_minutes()
    {
        var plan = CapacityPlan.Build(Monday, 1, [Agent("ana", ["stitching"]), Agent("ben", ["stitching"], away: true)], []);

        plan.Days[0].For("stitching").Available.ShouldBe(480);
        plan.Days[0].Total.Available.ShouldBe(480);
    }

    [Fact]
    public void A_capability_whose_people_are_all_away_still_shows_with_no_minutes()
    {
        var plan = CapacityPlan.Build(Monday, 1, [Agent("cleo", ["cutting"], away: true)], []);

        plan.Days[0].Capabilities.Keys.ShouldBe(["cutting"]);
        plan.Days[0].For("cutting").Available.ShouldBe(0);
    }

    [Fact]
    public void A_past_due_order_lands_on_the_first_day_with_capacity()
    {
        // Today is Saturday: nobody works until Monday, two days into the plan.
        var plan = CapacityPlan.Build(Saturday, 7, [Agent("ana", ["stitching"])], [Order(1, Saturday.AddDays(-3), Stitching(50, 6))]);

        plan.Days.Select(d => d.For("stitching").Demanded).ShouldBe([0, 0, 300, 0, 0, 0, 0]);
    }

    [Fact]
    public void An_order_without_a_due_date_lands_on_the_first_day_with_capacity()
    {
        var plan = CapacityPlan.Build(Saturday, 3, [Agent("ana", ["stitching"])], [Order(1, null, Stitching(50, 6))]);

        plan.Days.Select(d => d.For("stitching").Demanded).ShouldBe([0, 0, 300]);
    }

    [Fact]
    public void An_order_due_before_any_working_day_lands_on_the_first_day_with_capacity()
    {
        var plan = CapacityPlan.Build(Saturday, 3, [Agent("ana", ["stitching"])], [Order(1, Saturday.AddDays(1), Stitching(50, 6))]);

        plan.Days.Select(d => d.For("stitching").Demanded).ShouldBe([0, 0, 300]);
    }

    [Fact]
    public void Work_nobody_can_do_falls_on_today_and_overloads_it()
    {
        var plan = CapacityPlan.Build(Monday, 2, [Agent("ana", ["stitching"])],
            [Order(1, Monday.AddDays(1), new RemainingWork("embroidery", 4, 30))]);

        plan.Days[0].For("embroidery").ShouldBe(new DayLoad(0, 120));
        plan.Days[0].For("embroidery").Overloaded.ShouldBeTrue();
        plan.Days[1].For("embroidery").Demanded.ShouldBe(0);
    }

    [Fact]
    public void Spread_minutes_add_up_to_the_remaining_minutes_even_past_the_last_planned_day()
    {
        // 1,000 minutes over 11 weekdays (Mon 2 to Mon 16 March): 90.909… a day, 7 of them inside a 9-day plan, 4 after it.
        var plan = CapacityPlan.Build(Monday, 9, [Agent("ana", ["stitching"])], [Order(1, Monday.AddDays(14), Stitching(100, 10))]);

        var inPlan = plan.Days.Sum(d => d.For("stitching").Demanded);
        (inPlan + plan.AfterPlan["stitching"]).ShouldBe(1000, tolerance: 1e-9);
        inPlan.ShouldBe(7000.0 / 11, tolerance: 1e-9);
        plan.Days[5].For("stitching").Demanded.ShouldBe(0);
    }

    [Fact]
    public void An_even_spread_loses_no_minute_to_rounding()
    {
        var spread = CapacityPlan.Spread(1000, Monday.AddDays(6), Monday, 7, d => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0 : 480);

        spread.Select(s => s.Day).ShouldBe([Monday, Monday.AddDays(1), Monday.AddDays(2), Monday.AddDays(3), Monday.AddDays(4)]);
        spread.Sum(s => s.Minutes).ShouldBe(1000);
        spread.Select(s => CapacityPlan.Display(s.Minutes)).ShouldBe(["200.0", "200.0", "200.0", "200.0", "200.0"]);
    }

    [Fact]
    public void Minutes_are_rounded_to_one_decimal_only_for_display() =>
        CapacityPlan.Display(1000.0 / 7).ShouldBe("142.9");

    [Fact]
    public void A_day_holding_exactly_its_minutes_is_not_overloaded()
    {
        // Seventeen orders of 480 / 17 minutes add up to 480.00000000000017 in doubles.
        var orders = Enumerable.Range(1, 17).Select(i => Order(i, null, Stitching(1, 480.0 / 17))).ToList();

        var plan = CapacityPlan.Build(Monday, 1, [Agent("ana", ["stitching"])], orders);

        plan.Days[0].For("stitching").Demanded.ShouldBeGreaterThan(480);
        plan.Days[0].For("stitching").Overloaded.ShouldBeFalse();
        new DayLoad(480, 480.1).Overloaded.ShouldBeTrue();
    }
}
