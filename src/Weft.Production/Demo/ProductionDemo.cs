using Microsoft.Extensions.Logging;
using Weft.Flow;
using Weft.Flow.Contracts;
using Weft.Flow.Definitions;
using Weft.Platform.Errors;
using Weft.Platform.Time;
using Weft.Production.Orders;
using Weft.Production.Persistence;
using Weft.Production.Planning;
using Weft.Production.Products;

namespace Weft.Production.Demo;

/// <summary>
/// The demo plant beside the engine's demo atelier: an OEM strap line, products for both, eight more people (two on
/// part-time calendars), and orders in every state: drafts, released work (a hybrid pair among them), an order already
/// made (one of its pieces failed its inspection and was remade), a late order with work in progress and a paused step,
/// and a cancelled job; then last week's work (<see cref="DemoHistory"/>). Seeded once: a tenant that has products is left alone.
/// </summary>
internal sealed class ProductionDemo(
    ProductCatalog products, ProductionOrders orders, ShiftCalendars calendars, FlowEngines engines, TimeProvider clock, ILogger<ProductionDemo> logger)
{
    public const string StrapLine = "oem-strap";
    public const string ToteRouting = "atelier-tote";
    private const string AtelierBag = "atelier-bag";
    private const string Actor = "demo";

    public static GraphDefinition StrapRouting() => new()
    {
        Nodes =
        [
            new() { Key = "start", Type = NodeType.Start, Name = "Released" },
            new() { Key = "cut", Type = NodeType.Task, Name = "Cut strap blanks", Capability = "cutting", StandardMinutes = 12, Assignment = AssignmentMode.Auto },
            new() { Key = "stitch", Type = NodeType.Task, Name = "Stitch", Capability = "stitching", StandardMinutes = 20 },
            new() { Key = "edges", Type = NodeType.Task, Name = "Paint edges", Capability = "finishing", StandardMinutes = 8 },
            new() { Key = "inspect", Type = NodeType.Qc, Name = "QC inspection", Capability = "qc", StandardMinutes = 4 },
            new() { Key = "done", Type = NodeType.End, Name = "Ready for assembly" },
        ],
        Edges =
        [
            new() { From = "start", To = "cut" },
            new() { From = "cut", To = "stitch" },
            new() { From = "stitch", To = "edges" },
            new() { From = "edges", To = "inspect" },
            new() { From = "inspect", To = "done", Outcome = "pass" },
        ],
    };

    /// <summary>A tote made by one craftsperson around OEM straps: it waits for its manufacturing order before assembly.</summary>
    public static GraphDefinition ToteRoutingDefinition() => new()
    {
        Nodes =
        [
            new() { Key = "start", Type = NodeType.Start, Name = "Released" },
            new() { Key = "cut", Type = NodeType.Task, Name = "Cut leather", Capability = "cutting", StandardMinutes = 30, Assignment = AssignmentMode.Auto },
            new() { Key = "components", Type = NodeType.Wait, Name = "OEM straps ready", Message = HybridPairs.ComponentsReady },
            new() { Key = "assemble", Type = NodeType.Task, Name = "Assemble with straps", Capability = "assembly", StandardMinutes = 75,
                Assignment = AssignmentMode.Auto, Affinity = "same_agent_as:cut" },
            new() { Key = "inspect", Type = NodeType.Qc, Name = "Final inspection", Capability = "qc", StandardMinutes = 10 },
            new() { Key = "done", Type = NodeType.End, Name = "Ready to ship" },
        ],
        Edges =
        [
            new() { From = "start", To = "cut" },
            new() { From = "cut", To = "components" },
            new() { From = "components", To = "assemble" },
            new() { From = "assemble", To = "inspect" },
            new() { From = "inspect", To = "done", Outcome = "pass" },
        ],
    };

    public async Task SeedAsync(long tenant, CancellationToken ct)
    {
        if ((await products.ListAsync(tenant, 1, null, ct)).Items.Count > 0) return;
        var engine = engines.For(tenant);
        await PublishOnceAsync(engine, StrapLine, "OEM strap line", StrapRouting(), ct);
        await PublishOnceAsync(engine, ToteRouting, "Atelier tote on OEM straps", ToteRoutingDefinition(), ct);

        await products.CreateAsync(tenant, new CreateProductRequest("strap-component", "OEM strap component", StrapLine, 10), ct);
        await products.CreateAsync(tenant, new CreateProductRequest("tote-bag", "Tote bag", ToteRouting, 1), ct);
        await products.CreateAsync(tenant, new CreateProductRequest("wallet", "Bifold wallet", AtelierBag, 1), ct);

        var now = clock.GetUtcNow().UtcDateTime;
        var straps = await orders.CreateAsync(tenant, OrderKinds.Oem, Actor,
            new CreateOrderRequest("strap-component", 40, null, now.Date.AddDays(4).AddHours(17), 5, "For the spring tote series.", null, null, null), ct);
        await orders.ReleaseAsync(tenant, OrderKinds.Oem, Actor, straps.Id, new OrderCommandRequest(null), ct);
        await orders.CreateAsync(tenant, OrderKinds.Oem, Actor,
            new CreateOrderRequest("strap-component", 20, null, now.Date.AddDays(12).AddHours(17), 0, null, null, null, null), ct);

        var totes = await orders.CreateAsync(tenant, OrderKinds.Craft, Actor,
            new CreateOrderRequest("tote-bag", 2, null, now.Date.AddDays(6).AddHours(17), 5, "Hand finishing on OEM straps.", "Maison Lune", straps.Id, null), ct);
        await orders.ReleaseAsync(tenant, OrderKinds.Craft, Actor, totes.Id, new OrderCommandRequest(null), ct);
        await orders.CreateAsync(tenant, OrderKinds.Craft, Actor,
            new CreateOrderRequest("wallet", 1, null, now.Date.AddDays(9).AddHours(17), 0, "Initials embossed: C.R.", "Clara Ruiz", null, null), ct);
        var withdrawn = await orders.CreateAsync(tenant, OrderKinds.Craft, Actor,
            new CreateOrderRequest("wallet", 3, null, null, 0, "Withdrawn by the customer.", "Atelier Nord", null, null), ct);
        await orders.CancelAsync(tenant, OrderKinds.Craft, Actor, withdrawn.Id, new OrderCommandRequest(null), ct);

        await AddPeopleAsync(tenant, engine, ct);
        // An order already made: its unit went through the line twice, its first inspection having failed.
        var made = await orders.CreateAsync(tenant, OrderKinds.Oem, Actor,
            new CreateOrderRequest("strap-component", 10, null, now.Date.AddDays(2).AddHours(17), 0, "Sample batch for the client's approval.", null, null, null), ct);
        var madeJob = (await orders.ReleaseAsync(tenant, OrderKinds.Oem, Actor, made.Id, new OrderCommandRequest(null), ct)).JobId!.Value;
        await MakeStrapsAsync(engine, madeJob, firstInspection: ("fail", "Keeper stitching loose on two straps."), ct);
        await MakeStrapsAsync(engine, madeJob, firstInspection: ("pass", null), ct);
        // A late order: due yesterday, its first unit cut, its second started and paused.
        var late = await orders.CreateAsync(tenant, OrderKinds.Oem, Actor,
            new CreateOrderRequest("strap-component", 20, null, now.Date.AddDays(-1).AddHours(17), 8, "Rush for the autumn restock.", null, null, null), ct);
        var lateJob = (await orders.ReleaseAsync(tenant, OrderKinds.Oem, Actor, late.Id, new OrderCommandRequest(null), ct)).JobId!.Value;
        await DoAsync(engine, lateJob, "cut", "farid", ct: ct);
        var paused = await DoAsync(engine, lateJob, "cut", "kim", finish: false, ct: ct);
        await engine.Work.PauseAsync(new CommandContext(paused.Agent), paused.Id, "Waiting for the next hide delivery.", ct);
        // Last week, lived on a turned-back clock where the installation has one (always in demo mode).
        if (clock is DemoClock demoClock) await new DemoHistory(orders, engine, demoClock, tenant).LiveAsync(ct);
        logger.LogInformation("Demo production seeded for tenant {Tenant}", tenant);
    }

    // The plant's people beside the engine's demo atelier, each with their capabilities; two work part time.
    private async Task AddPeopleAsync(long tenant, FlowEngine engine, CancellationToken ct)
    {
        (string Key, string Name, CapabilityDto[] Capabilities)[] people =
        [
            ("emma", "Emma Laurent", [new("stitching", 2), new("finishing", 1)]),
            ("farid", "Farid Haddad", [new("cutting", 2), new("skiving", 2)]),
            ("greta", "Greta Lind", [new("qc", 2)]),
            ("hugo", "Hugo Moreau", [new("assembly", 2), new("stitching", 1)]),
            ("ines", "Inès Girard", [new("finishing", 2), new("packing", 1)]),
            ("jonas", "Jonas Berg", [new("packing", 2), new("assembly", 1)]),
            ("kim", "Kim Nguyen", [new("cutting", 1), new("stitching", 1)]),
            ("lea", "Léa Rossi", [new("qc", 1), new("finishing", 1)]),
        ];
        var ctx = new CommandContext(Actor);
        foreach (var (key, name, capabilities) in people)
            await engine.Agents.RegisterAgentAsync(ctx, new RegisterAgentRequest(key, name, "person", capabilities, 6, AgentStatuses.Available), ct);
        IReadOnlyList<WindowDto> morning = [new("08:00", "12:00")];
        await calendars.SaveAsync(tenant, "greta", new SaveShiftCalendarRequest(
            new Dictionary<string, IReadOnlyList<WindowDto>> { ["monday"] = [new("08:00", "16:00")], ["tuesday"] = [new("08:00", "16:00")], ["wednesday"] = [new("08:00", "16:00")] },
            null, null), ct);
        await calendars.SaveAsync(tenant, "lea", new SaveShiftCalendarRequest(
            new Dictionary<string, IReadOnlyList<WindowDto>> { ["monday"] = morning, ["tuesday"] = morning, ["wednesday"] = morning, ["thursday"] = morning, ["friday"] = morning },
            null, null), ct);
    }

    /// <summary>One unit of the strap line from cutting to inspection, which ends as given (a failure makes a replacement).</summary>
    private static async Task MakeStrapsAsync(FlowEngine engine, long job, (string Outcome, string? Note) firstInspection, CancellationToken ct)
    {
        await DoAsync(engine, job, "cut", "farid", ct: ct);
        await DoAsync(engine, job, "stitch", "emma", ct: ct);
        await DoAsync(engine, job, "edges", "ines", ct: ct);
        await DoAsync(engine, job, "inspect", "greta", firstInspection.Outcome, firstInspection.Note, ct: ct);
    }

    /// <summary>
    /// Works the job's open item at a step as a person would: claimed by <paramref name="agent"/> when it waits in the pool
    /// (else by whoever the engine gave it to), started, and completed unless <paramref name="finish"/> is false.
    /// </summary>
    private static async Task<WorkItemDto> DoAsync(FlowEngine engine, long job, string node, string agent, string? outcome = null, string? note = null,
        bool finish = true, CancellationToken ct = default)
    {
        var item = (await engine.Work.ListWorkItemsAsync(new WorkItemFilter(null, null, null, node, job), FlowEngine.MaxPageSize, null, ct)).Items
            .First(i => i.State is WorkItemStates.Ready or WorkItemStates.Assigned);
        var who = new CommandContext(item.Agent ?? await AbleAsync(engine, item, agent, ct));
        if (item.State == WorkItemStates.Ready) item = await engine.Work.ClaimAsync(who, item.Id, ct);
        item = await engine.Work.StartAsync(who, item.Id, ct);
        return finish ? await engine.Work.CompleteAsync(who, item.Id, outcome, null, note, ct) : item;
    }

    // The person to claim ready work: the one named if they have room for it, else the first available person who does.
    private static async Task<string> AbleAsync(FlowEngine engine, WorkItemDto item, string preferred, CancellationToken ct)
    {
        var people = (await engine.Agents.ListAgentsAsync(FlowEngine.MaxPageSize, null, ct)).Items
            .Where(a => a.Status == AgentStatuses.Available && a.Load < a.WipLimit
                && a.Capabilities.Any(c => c.Name == item.Capability && c.Level >= item.Level))
            .OrderBy(a => a.Key == preferred ? 0 : 1)
            .ToList();
        return people.FirstOrDefault()?.Key
            ?? throw new InvalidOperationException($"No demo person has room for {item.Capability} work (item {item.Id}).");
    }

    private static async Task PublishOnceAsync(FlowEngine engine, string key, string name, GraphDefinition definition, CancellationToken ct)
    {
        try
        {
            await engine.Graphs.GetGraphAsync(key, ct);
        }
        catch (WeftException e) when (e.Kind == ErrorKind.NotFound)
        {
            var ctx = new CommandContext(Actor);
            await engine.Graphs.CreateGraphAsync(ctx, new CreateGraphRequest(key, name, definition), ct);
            await engine.Graphs.PublishAsync(ctx, key, new PublishRequest(null), ct);
        }
    }
}
