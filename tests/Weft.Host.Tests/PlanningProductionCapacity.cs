using System.Net;
using System.Text.Json.Nodes;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;

namespace Weft.Host.Tests;

/// <summary>
/// The capacity plan through the API, on a hand-checked week: shift calendars saved by a manager, away people, work
/// already done, released orders' remaining standard minutes per day and capability, overloads, and forecast finishes.
/// </summary>
public sealed class PlanningProductionCapacity
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_plan_of_a_known_week_matches_the_arithmetic_done_by_hand(string provider)
    {
        // The test clock starts on Monday 2026-11-02, 08:00 UTC.
        await using var api = await WeftApi.StartAsync(provider);
        (await api.PostAsync("/api/v1/graphs", new { key = "line", name = "Line" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        await api.OkAsync(HttpMethod.Put, "/api/v1/graphs/line/draft", new
        {
            nodes = new object[]
            {
                new { key = "start", type = "start" },
                new { key = "cut", type = "task", capability = "cutting", standardMinutes = 60 },
                new { key = "stitch", type = "task", capability = "stitching", standardMinutes = 120 },
                new { key = "end", type = "end" },
            },
            edges = new object[] { new { from = "start", to = "cut" }, new { from = "cut", to = "stitch" }, new { from = "stitch", to = "end" } },
        });
        (await api.PostAsync("/api/v1/graphs/line/publish")).StatusCode.ShouldBe(HttpStatusCode.Created);
        await api.OkAsync(HttpMethod.Post, "/api/v1/agents", new { key = "ana", name = "Ana", kind = "person", capabilities = new[] { new { name = "cutting" } } });
        await api.OkAsync(HttpMethod.Post, "/api/v1/agents", new { key = "ben", name = "Ben", kind = "person", capabilities = new[] { new { name = "stitching" } } });
        await api.OkAsync(HttpMethod.Post, "/api/v1/agents", new { key = "cal", name = "Cal", kind = "person", capabilities = new[] { new { name = "stitching" } }, status = "away" });
        // Ben works mornings only (240 minutes) and is off on Wednesday; Ana and Cal keep the standard week (480).
        var weekday = new[] { new { start = "08:00", end = "12:00" } };
        var ben = await api.OkAsync(HttpMethod.Put, "/api/v1/shift-calendars/ben", new
        {
            week = new { monday = weekday, tuesday = weekday, wednesday = weekday, thursday = weekday, friday = weekday },
            daysOff = new[] { "2026-11-04" },
        });
        ben["minutesPerWeek"]!.GetValue<int>().ShouldBe(1200);
        ben["standard"]!.GetValue<bool>().ShouldBeFalse();

        await api.OkAsync(HttpMethod.Post, "/api/v1/products", new { key = "strap", name = "Strap", routing = "line" });
        var a = await api.OkAsync(HttpMethod.Post, "/api/v1/manufacturing-orders", new { product = "strap", quantity = 4, dueAt = "2026-11-04T17:00:00Z" });
        var aJob = (await api.OkAsync(HttpMethod.Post, $"/api/v1/manufacturing-orders/{a["id"]}/release"))["jobId"]!.GetValue<long>();
        var b = await api.OkAsync(HttpMethod.Post, "/api/v1/manufacturing-orders", new { product = "strap", quantity = 2, priority = 5 });
        await api.OkAsync(HttpMethod.Post, $"/api/v1/manufacturing-orders/{b["id"]}/release");
        // One of A's pieces is cut already: its cutting is done, its stitching is not.
        var cut = (await api.OkAsync(HttpMethod.Get, $"/api/v1/work-items?job={aJob}&node=cut&state=ready"))["items"]![0]!["id"]!.GetValue<long>();
        var anaCaller = await api.AsAsync("ana");
        foreach (var command in new[] { "claim", "start", "complete" })
            await anaCaller.OkAsync(HttpMethod.Post, $"/api/v1/work-items/{cut}/{command}", new { });

        var plan = await api.OkAsync(HttpMethod.Get, "/api/v1/production/plan?days=5");
        plan["from"]!.GetValue<string>().ShouldBe("2026-11-02");
        // Cutting (Ana, 480 a day): A has 3 × 60 = 180 left, due Wednesday, spread over Mon–Wed (60 a day); B's 2 × 60 = 120
        // has no due date and falls on Monday. Monday 180 of 480, Tuesday 60, Wednesday 60.
        Loads(plan, "cutting").ShouldBe([(480, 180.0, false), (480, 60.0, false), (480, 60.0, false), (480, 0.0, false), (480, 0.0, false)]);
        // Stitching (Ben 240 a day, off Wednesday; Cal away): A has 4 × 120 = 480, spread over the stitching days up to
        // Wednesday, which are Mon and Tue (240 each); B's 240 falls on Monday. Monday 480 of 240: overloaded.
        Loads(plan, "stitching").ShouldBe([(240, 480.0, true), (240, 240.0, false), (0, 0.0, false), (240, 0.0, false), (240, 0.0, false)]);
        // The total counts each person once: Monday Ana 480 + Ben 240 = 720 against 660.
        var monday = plan["plan"]![0]!["total"]!;
        (monday["available"]!.GetValue<int>(), monday["demanded"]!.GetValue<double>()).ShouldBe((720, 660.0));

        // Forecast: B (priority 5) goes first. Stitching drains 240 a day: B's 240 on Monday; A's queue 240 + 480 = 720 is
        // drained on Thursday (Mon 240, Tue 480, Wed off, Thu 720), after its Wednesday due date.
        var orders = plan["orders"]!.AsArray();
        orders.Select(o => o!["number"]!.GetValue<string>()).ShouldBe([b["number"]!.GetValue<string>(), a["number"]!.GetValue<string>()]);
        (orders[0]!["finish"]!.GetValue<string>(), orders[0]!["late"]!.GetValue<bool>()).ShouldBe(("2026-11-02", false));
        (orders[1]!["finish"]!.GetValue<string>(), orders[1]!["late"]!.GetValue<bool>()).ShouldBe(("2026-11-05", true));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Calendars_that_cannot_be_worked_are_refused_and_change_nothing(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        await api.OkAsync(HttpMethod.Post, "/api/v1/agents", new { key = "ana", name = "Ana", kind = "person" });
        var overlapping = await (await api.SendAsync(HttpMethod.Put, "/api/v1/shift-calendars/ana", new
        {
            week = new { monday = new[] { new { start = "08:00", end = "12:00" }, new { start = "11:00", end = "15:00" } } },
        })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        overlapping["errors"]!["week.Monday"].ShouldNotBeNull();
        await (await api.SendAsync(HttpMethod.Put, "/api/v1/shift-calendars/ana", new { week = new { funday = Array.Empty<object>() } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await api.SendAsync(HttpMethod.Put, "/api/v1/shift-calendars/ana", new { week = new { monday = new[] { new { start = "8h", end = "17:00" } } } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await api.SendAsync(HttpMethod.Put, "/api/v1/shift-calendars/ana", new { week = new { monday = new[] { new { start = "17:00", end = "08:00" } } } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await api.SendAsync(HttpMethod.Put, "/api/v1/shift-calendars/nobody", new { week = new { } }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "agent_not_found");
        await (await api.GetAsync("/api/v1/production/plan?days=0")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid_days");

        var calendars = (await api.OkAsync(HttpMethod.Get, "/api/v1/shift-calendars")).AsArray();
        var ana = calendars.Single(c => c!["agent"]!.GetValue<string>() == "ana")!;
        ana["standard"]!.GetValue<bool>().ShouldBeTrue();
        ana["minutesPerWeek"]!.GetValue<int>().ShouldBe(2400);
    }

    private static List<(int, double, bool)> Loads(JsonNode plan, string capability) =>
        plan["plan"]!.AsArray().Select(d => d!["capabilities"]!.AsArray().Single(c => c!["capability"]!.GetValue<string>() == capability)!)
            .Select(c => (c["available"]!.GetValue<int>(), c["demanded"]!.GetValue<double>(), c["overloaded"]!.GetValue<bool>())).ToList();
}
