using System.Text.Json.Nodes;
using Weft.Flow;
using Weft.Flow.Contracts;
using Weft.Flow.Definitions;
using Weft.Platform.Errors;
using Weft.Platform.Persistence;
using Weft.Production.Persistence;

namespace Weft.Production.Orders;

/// <summary>
/// An atelier job linked to a manufacturing order consumes its pieces, so it cannot complete before they are done.
/// The engine holds it: its routing has a <c>wait</c> node for <see cref="ComponentsReady"/> (correlated by the job's
/// reference, the atelier job's number) before its end, and production sends that message once the manufacturing
/// order has completed. A message sent before the token reaches the node is kept for it.
/// </summary>
internal static class HybridPairs
{
    public const string ComponentsReady = "production.components_ready";

    /// <summary>A hybrid atelier job's routing must wait for its components; one that does not is refused at release.</summary>
    public static async Task RequireWaitForComponentsAsync(FlowEngine engine, string routing, int version, CancellationToken ct)
    {
        var published = await engine.Graphs.GetVersionAsync(routing, version, ct);
        if (published.Definition.Nodes.Any(n => n.Type == NodeType.Wait && n.Message == ComponentsReady && n.CorrelationField is null)) return;
        throw WeftException.Rule("hybrid_routing_without_wait",
            $"An atelier job that consumes a manufacturing order's pieces needs a routing that waits for them: {routing} v{version} has no " +
            $"wait node for the message '{ComponentsReady}' (correlated by the job's reference) before its end.");
    }

    /// <summary>Tells an atelier job's flow that the manufacturing order it consumes is done, in the caller's unit of work.</summary>
    public static Task ComponentsReadyAsync(FlowEngine engine, UnitOfWork unit, string actor, ProductionOrderRecord atelierJob,
        ProductionOrderRecord order, CancellationToken ct) =>
        engine.Jobs.SendMessageAsync(new CommandContext(actor) { Unit = unit },
            new SendMessageRequest(ComponentsReady, OrderRules.Number(atelierJob),
                new JsonObject { ["components"] = new JsonObject { ["order"] = OrderRules.Number(order), ["pieces"] = order.Quantity } }),
            ct);
}
