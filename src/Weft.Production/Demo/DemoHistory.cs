using Weft.Flow;
using Weft.Flow.Contracts;
using Weft.Platform.Errors;
using Weft.Platform.Time;
using Weft.Production.Orders;
using Weft.Production.Persistence;
using Weft.Production.Planning;

namespace Weft.Production.Demo;

/// <summary>
/// The demo's last week, lived through the engine on a turned-back clock, so that Inspect, Plan and the charts show
/// measured figures on first start: every working day the strap line gets an order of three units and the atelier a
/// wallet job or two; the people pick work up a little after it arrives, one piece at a time each, take about the
/// standard time (each at their own pace), and now and then a piece fails its inspection and is remade. What the last
/// afternoon left is still open. Deterministic: the same week every time for the same start day.
/// </summary>
internal sealed class DemoHistory(ProductionOrders orders, FlowEngine engine, DemoClock clock, long tenant)
{
    private const string Actor = "demo";
    private static readonly TimeOnly DayStarts = new(8, 0);
    private static readonly TimeOnly DayEnds = new(17, 0);
    private static readonly string[] Findings =
    [
        "Stitch spacing uneven along the edge.", "Edge paint cracked at a fold.", "Scratch on the grain side.", "Keeper stitching loose.",
    ];

    private readonly Random random = new(1042);
    private readonly HashSet<long> jobs = [];
    // Per person: until when they are busy, and how fast they work against the standard (1 = exactly standard).
    private readonly Dictionary<string, DateTimeOffset> busyUntil = [];
    private readonly Dictionary<string, double> pace = [];
    // Per open item: when someone will notice it (a little after it arrived).
    private readonly Dictionary<long, DateTimeOffset> noticed = [];
    private readonly List<(DateTimeOffset At, WorkItemDto Item, string Agent)> running = [];
    private DateTimeOffset now;

    /// <summary>Lives the seven days before today, then gives the clock back its real time.</summary>
    public async Task LiveAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.RealNow.UtcDateTime);
        var releases = new List<(DateTimeOffset At, CreateOrderRequest Order, string Kind)>();
        for (var day = today.AddDays(-7); day < today; day = day.AddDays(1))
        {
            if (!Working(day)) continue;
            var morning = At(day, DayStarts);
            releases.Add((morning, new CreateOrderRequest("strap-component", 30, null, At(day.AddDays(3), DayEnds).UtcDateTime, 0,
                "Weekly strap run.", null, null, null), OrderKinds.Oem));
            var wallets = 1 + random.Next(2);
            releases.Add((morning.AddMinutes(30), new CreateOrderRequest("wallet", wallets, null, At(day.AddDays(5), DayEnds).UtcDateTime, 0,
                null, Customers[random.Next(Customers.Length)], null, null), OrderKinds.Craft));
        }
        try
        {
            now = releases[0].At;
            var end = clock.RealNow.AddHours(-1);
            var next = 0;
            while (now < end)
            {
                while (next < releases.Count && releases[next].At <= now)
                {
                    var (at, order, kind) = releases[next++];
                    clock.Show(at);
                    var created = await orders.CreateAsync(tenant, kind, Actor, order, ct);
                    jobs.Add((await orders.ReleaseAsync(tenant, kind, Actor, created.Id, new OrderCommandRequest(null), ct)).JobId!.Value);
                }
                await StartWhatCanStartAsync(ct);
                var finishes = running.Count == 0 ? (DateTimeOffset?)null : running.Min(r => r.At);
                var arrives = next < releases.Count ? releases[next].At : (DateTimeOffset?)null;
                var wakes = noticed.Values.Where(v => v > now).Select(v => (DateTimeOffset?)v).Min();
                // Work that could start but waits for the morning (or for a person) wakes the loop at the next working minute.
                var moment = new[] { finishes, arrives, wakes, noticed.Count > 0 ? NextWorkingMinute(now.AddMinutes(15)) : null }
                    .Where(m => m is not null).Min();
                // Work that would end after the history does stays in progress: the clock never shows a time to come.
                if (moment is null || moment > end) break;
                now = moment.Value;
                foreach (var done in running.Where(r => r.At <= now).OrderBy(r => r.At).ToList())
                {
                    running.Remove(done);
                    clock.Show(done.At);
                    var qc = done.Item.Capability == "qc";
                    var fails = qc && random.NextDouble() < 0.1;
                    try
                    {
                        await engine.Work.CompleteAsync(new CommandContext(done.Agent), done.Item.Id, qc ? (fails ? "fail" : "pass") : null, null,
                            fails ? Findings[random.Next(Findings.Length)] : null, ct);
                    }
                    catch (WeftException)
                    {
                        // Refused: the piece stays in progress, as some do at any moment in a workshop.
                    }
                }
            }
        }
        finally
        {
            clock.Resume();
        }
    }

    private static readonly string[] Customers = ["Clara Ruiz", "Maison Lune", "Atelier Nord", "Jonas Weber", "Sofia Conti"];

    // Every open item of the week's jobs that has been noticed starts with its holder, or with the first free person able
    // to do it, while the working day lasts.
    private async Task StartWhatCanStartAsync(CancellationToken ct)
    {
        var open = new List<WorkItemDto>();
        foreach (var state in new[] { WorkItemStates.Ready, WorkItemStates.Assigned })
            open.AddRange((await engine.Work.ListWorkItemsAsync(new WorkItemFilter(state, null, null, null, null), FlowEngine.MaxPageSize, null, ct)).Items
                .Where(i => jobs.Contains(i.JobId) && running.All(r => r.Item.Id != i.Id)));
        foreach (var item in open) noticed.TryAdd(item.Id, now.AddMinutes(5 + random.Next(55)));
        foreach (var gone in noticed.Keys.Where(id => open.All(i => i.Id != id)).ToList()) noticed.Remove(gone);
        if (!WorkingAt(now)) return;

        var people = (await engine.Agents.ListAgentsAsync(FlowEngine.MaxPageSize, null, ct)).Items
            .Where(a => a.Kind == "person" && a.Status == AgentStatuses.Available).ToDictionary(a => a.Key);
        foreach (var item in open.Where(i => noticed[i.Id] <= now).OrderByDescending(i => i.Priority).ThenBy(i => i.CreatedAt))
        {
            var who = item.Agent is { } holder
                ? (Free(holder) ? holder : null)
                : people.Values
                    .Where(a => Free(a.Key) && a.Load < a.WipLimit && a.Capabilities.Any(c => c.Name == item.Capability && c.Level >= item.Level))
                    .OrderBy(a => a.Load).ThenBy(a => a.Key, StringComparer.Ordinal)
                    .Select(a => a.Key).FirstOrDefault();
            if (who is null) continue;
            clock.Show(now);
            var ctx = new CommandContext(who);
            WorkItemDto taken;
            try
            {
                taken = item.State == WorkItemStates.Ready ? await engine.Work.ClaimAsync(ctx, item.Id, ct) : item;
                taken = await engine.Work.StartAsync(ctx, taken.Id, ct);
            }
            catch (WeftException)
            {
                // The engine refused (a limit the simulation did not foresee): the history goes on without this piece of it.
                continue;
            }
            if (people.TryGetValue(who, out var person)) people[who] = person with { Load = person.Load + 1 };
            var standard = Math.Max(4, await StandardMinutesAsync(taken, ct));
            var minutes = standard * PaceOf(who) * (0.75 + (random.NextDouble() * 0.6));
            var finish = now.AddMinutes(Math.Round(minutes, 1));
            running.Add((finish, taken, who));
            busyUntil[who] = finish;
            noticed.Remove(item.Id);
        }
    }

    private bool Free(string person) => !busyUntil.TryGetValue(person, out var until) || until <= now;

    private double PaceOf(string person)
    {
        if (!pace.TryGetValue(person, out var p)) pace[person] = p = 0.85 + (random.NextDouble() * 0.4);
        return p;
    }

    // The standard minutes of the item's step, as the routing says (read once per graph version and step).
    private readonly Dictionary<(string, int, string), double> standards = [];

    private async Task<double> StandardMinutesAsync(WorkItemDto item, CancellationToken ct)
    {
        var key = (item.Graph, item.GraphVersion, item.Node);
        if (standards.TryGetValue(key, out var minutes)) return minutes;
        var version = await engine.Graphs.GetVersionAsync(item.Graph, item.GraphVersion, ct);
        return standards[key] = version.Definition.Node(item.Node)?.StandardMinutes ?? 15;
    }

    // The plant works the standard week (the part-timers' own calendars are not followed here).
    private static readonly ShiftCalendar Plant = ShiftCalendar.Standard();

    private static bool Working(DateOnly day) => Plant.MinutesOn(day) > 0;

    private static bool WorkingAt(DateTimeOffset moment) => Plant.WorksAt(moment.UtcDateTime);

    private static DateTimeOffset? NextWorkingMinute(DateTimeOffset from)
    {
        for (var moment = from; moment < from.AddDays(4); moment = moment.AddMinutes(15))
            if (WorkingAt(moment)) return moment;
        return null;
    }

    private static DateTimeOffset At(DateOnly day, TimeOnly time) => new(day.ToDateTime(time), TimeSpan.Zero);
}
