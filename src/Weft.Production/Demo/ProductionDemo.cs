using Microsoft.Extensions.Logging;
using Weft.Flow;
using Weft.Flow.Contracts;
using Weft.Flow.Definitions;
using Weft.Platform.Errors;
using Weft.Production.Orders;
using Weft.Production.Persistence;
using Weft.Production.Products;

namespace Weft.Production.Demo;

/// <summary>
/// The demo plant beside the engine's demo atelier: an OEM strap line, products for both, and orders in several
/// states (a hybrid pair among them). Seeded once: a tenant that has products is left alone.
/// </summary>
internal sealed class ProductionDemo(ProductCatalog products, ProductionOrders orders, FlowEngines engines, TimeProvider clock, ILogger<ProductionDemo> logger)
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
        logger.LogInformation("Demo production seeded for tenant {Tenant}", tenant);
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
