using Weft.Production.Planning;

namespace Weft.Production.Tests.Planning;

public sealed class ReadingShiftCalendars
{
    private static readonly DateOnly Monday = new(2026, 3, 2);

    private static ShiftCalendar Mondays(params WorkingWindow[] windows) =>
        new(new Dictionary<DayOfWeek, IReadOnlyList<WorkingWindow>> { [DayOfWeek.Monday] = windows }, new HashSet<DateOnly>());

    private static WorkingWindow Window(int fromHour, int fromMinute, int toHour, int toMinute) =>
        new(new(fromHour, fromMinute), new(toHour, toMinute));

    [Fact]
    public void The_standard_calendar_gives_eight_hours_on_a_weekday() =>
        ShiftCalendar.Standard().MinutesOn(Monday).ShouldBe(480);

    [Fact]
    public void The_standard_calendar_gives_nothing_at_the_weekend()
    {
        ShiftCalendar.Standard().MinutesOn(Monday.AddDays(5)).ShouldBe(0);
        ShiftCalendar.Standard().MinutesOn(Monday.AddDays(6)).ShouldBe(0);
    }

    [Fact]
    public void A_day_off_gives_no_minutes_and_leaves_the_other_days_alone()
    {
        var calendar = ShiftCalendar.Standard(Monday.AddDays(2));

        calendar.MinutesOn(Monday.AddDays(2)).ShouldBe(0);
        calendar.MinutesOn(Monday.AddDays(9)).ShouldBe(480);
    }

    [Fact]
    public void Minutes_add_up_over_the_windows_of_the_day() =>
        Mondays(Window(7, 30, 11, 45), Window(12, 15, 16, 0)).MinutesOn(Monday).ShouldBe(255 + 225);

    [Fact]
    public void The_standard_calendar_is_valid() =>
        ShiftCalendar.Validate(ShiftCalendar.Standard()).Count.ShouldBe(0);

    [Fact]
    public void Windows_that_touch_are_accepted() =>
        ShiftCalendar.Validate(Mondays(Window(8, 0, 12, 0), Window(12, 0, 16, 0))).Count.ShouldBe(0);

    [Fact]
    public void Overlapping_windows_are_refused()
    {
        var errors = ShiftCalendar.Validate(Mondays(Window(13, 0, 17, 0), Window(8, 0, 13, 30)));

        errors["week.Monday"].ShouldBe(["The windows 08:00–13:30 and 13:00–17:00 overlap."]);
    }

    [Fact]
    public void A_window_that_ends_before_it_starts_is_refused()
    {
        var errors = ShiftCalendar.Validate(Mondays(Window(17, 0, 8, 0)));

        errors["week.Monday"].ShouldBe(["The window 17:00–08:00 must end after it starts."]);
    }

    [Fact]
    public void A_window_that_ends_when_it_starts_is_refused() =>
        ShiftCalendar.Validate(Mondays(Window(9, 0, 9, 0))).Has("week.Monday").ShouldBeTrue();

    [Fact]
    public void A_week_in_words_puts_days_in_a_row_with_the_same_hours_together_and_skips_days_without_work()
    {
        IReadOnlyList<WindowDto> day = [new("08:00", "12:00"), new("13:00", "17:00")];
        var week = new Dictionary<string, IReadOnlyList<WindowDto>>
        {
            ["monday"] = [new("08:00", "10:00")], ["tuesday"] = day, ["wednesday"] = day, ["thursday"] = day,
            ["saturday"] = [new("08:00", "10:00")], ["sunday"] = [],
        };

        new ShiftCalendarDto("ana", week, [], 0, Standard: false, 1).WeekInWords
            .ShouldBe("mon 08:00–10:00; tue–thu 08:00–12:00, 13:00–17:00; sat 08:00–10:00");
        new ShiftCalendarDto("ana", new Dictionary<string, IReadOnlyList<WindowDto>>(), [], 0, Standard: false, 1).WeekInWords.ShouldBe("no working hours");
        new ShiftCalendarDto("ana", week, [], 0, Standard: true, 0).WeekInWords.ShouldStartWith("standard");
    }

    [Fact]
    public void A_moment_is_worked_inside_a_window_of_a_working_day_and_not_at_its_end_at_lunch_or_on_a_day_off()
    {
        var monday = new DateTime(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc);
        var calendar = ShiftCalendar.Standard(DateOnly.FromDateTime(monday.AddDays(1)));

        calendar.WorksAt(monday.AddHours(8)).ShouldBeTrue();
        calendar.WorksAt(monday.AddHours(12)).ShouldBeFalse("12:00–13:00 is lunch");
        calendar.WorksAt(monday.AddHours(16).AddMinutes(59)).ShouldBeTrue();
        calendar.WorksAt(monday.AddHours(17)).ShouldBeFalse("a window ends where it ends");
        calendar.WorksAt(monday.AddDays(1).AddHours(9)).ShouldBeFalse("Tuesday is a day off");
        calendar.WorksAt(monday.AddDays(5).AddHours(9)).ShouldBeFalse("Saturday is not in the week");
    }
}
