using Weft.Flow;
using Weft.Platform.Errors;
using Weft.Production.Persistence;

namespace Weft.Production.Products;

/// <summary>What every product must satisfy, and how a product is shown.</summary>
internal static class ProductRules
{
    public const int MaxBatchSize = 10_000;

    public static void CheckFields(FieldErrors errors, string? name, string? routing, int? batchSize, bool creating)
    {
        if (creating || name is not null)
        {
            if (string.IsNullOrWhiteSpace(name) || name.Length > 200) errors["name"] = ["'name' is required, at most 200 characters."];
        }
        if (creating || routing is not null) errors.RequireKey(routing, "routing");
        if (batchSize is < 1 or > MaxBatchSize) errors["batchSize"] = [$"'batchSize' must be between 1 and {MaxBatchSize}."];
    }

    /// <summary>A routing is a graph of the tenant's engine; a product may name one not yet published.</summary>
    public static async Task RequireRoutingAsync(FlowEngine engine, string routing, CancellationToken ct)
    {
        try
        {
            await engine.Graphs.GetGraphAsync(routing, ct);
        }
        catch (WeftException e) when (e.Code == "graph_not_found")
        {
            throw WeftException.Rule("routing_not_found", $"There is no routing graph '{routing}'.");
        }
    }

    public static ProductDto ToDto(this ProductRecord p) => new(p.Id, p.Key, p.Name, p.Routing, p.BatchSize, p.CreatedAt, p.UpdatedAt, p.Version);

    public static WeftException NotFound(string key) => WeftException.NotFound("product_not_found", $"There is no product '{key}'.");
}
