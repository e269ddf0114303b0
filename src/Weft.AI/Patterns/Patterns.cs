using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Weft.AI.Persistence;
using Weft.Flow;
using Weft.Flow.Contracts;
using Weft.Platform.Errors;

namespace Weft.AI.Patterns;

/// <summary>
/// A tenant's multi-agent patterns: making one writes its graph and publishes it on the engine (making it again with
/// other agents or rounds publishes the next version; running jobs finish on theirs), and keeps what it was made from.
/// </summary>
internal sealed class Patterns(AiDb data, FlowEngines engines)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<PatternDto> SaveAsync(long tenant, string actor, PatternRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = request.Graph;
        if (string.IsNullOrWhiteSpace(key) || key.Length > 64 || !key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-'))
            throw WeftException.Invalid("invalid_graph_key", "'graph' is the key of the graph to make: 1-64 letters, digits, '_', '.' or '-'.");
        if (request.Name is { Length: > 200 }) throw WeftException.Invalid("name_too_long", "'name' is at most 200 characters.");
        var definition = PatternGraphs.Build(request);
        var engine = engines.For(tenant);
        await using (var db = await data.OpenAsync(tenant, ct))
        {
            var mine = await db.Patterns.AnyAsync(p => p.GraphKey == key, ct);
            if (!mine && await GraphExistsAsync(engine, key, ct))
                throw WeftException.Conflict("graph_exists", $"Graph '{key}' exists and was not made from a pattern; choose another key.");
        }
        var name = string.IsNullOrWhiteSpace(request.Name) ? $"{request.Kind} pattern" : request.Name.Trim();
        var version = await FlowSetup.EnsureGraphAsync(engine, new CommandContext(actor), key, name, definition, ct);
        var spec = request with { Name = name };
        return await data.ChangeAsync(tenant, async db =>
        {
            var record = await db.Patterns.FirstOrDefaultAsync(p => p.GraphKey == key, ct);
            if (record is null)
            {
                record = new PatternRecord { GraphKey = key, CreatedAt = data.Now };
                db.Patterns.Add(record);
            }
            record.Kind = request.Kind!;
            record.SpecJson = JsonSerializer.Serialize(spec, Json);
            record.MaxCost = request.MaxCost;
            record.UpdatedAt = data.Now;
            await db.SaveChangesAsync(ct);
            return ToDto(record, version);
        }, ct);
    }

    public async Task<IReadOnlyList<PatternDto>> ListAsync(long tenant, CancellationToken ct)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        var records = await db.Patterns.AsNoTracking().OrderBy(p => p.GraphKey).ToListAsync(ct);
        var engine = engines.For(tenant);
        var list = new List<PatternDto>(records.Count);
        foreach (var r in records) list.Add(ToDto(r, (await engine.Graphs.GetGraphAsync(r.GraphKey, ct)).LatestVersion));
        return list;
    }

    public async Task<PatternDto> GetAsync(long tenant, string graph, CancellationToken ct)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        var record = await db.Patterns.AsNoTracking().FirstOrDefaultAsync(p => p.GraphKey == graph, ct)
            ?? throw WeftException.NotFound("pattern_not_found", $"No pattern made graph '{graph}'.");
        return ToDto(record, (await engines.For(tenant).Graphs.GetGraphAsync(graph, ct)).LatestVersion);
    }

    private static async Task<bool> GraphExistsAsync(FlowEngine engine, string key, CancellationToken ct)
    {
        try
        {
            await engine.Graphs.GetGraphAsync(key, ct);
            return true;
        }
        catch (WeftException e) when (e.Code == "graph_not_found")
        {
            return false;
        }
    }

    private static PatternDto ToDto(PatternRecord r, int version) =>
        new(r.GraphKey, r.Kind, version, r.MaxCost, JsonSerializer.Deserialize<PatternRequest>(r.SpecJson, Json)!, r.CreatedAt, r.UpdatedAt);
}
