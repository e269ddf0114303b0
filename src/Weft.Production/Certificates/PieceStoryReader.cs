using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Weft.Flow;
using Weft.Flow.Contracts;
using Weft.Platform.Errors;
using Weft.Platform.Paging;
using Weft.Platform.Tenancy;
using Weft.Production.Orders;
using Weft.Production.Persistence;

namespace Weft.Production.Certificates;

/// <summary>
/// Reads a piece's story from the engine: the units of an order's flow job by serial, the work done on the latest
/// generation of one of them (its branches included), and the generations it replaced.
/// </summary>
internal sealed class PieceStoryReader(ProductionDb data, FlowEngines engines, ITenantDirectory tenants)
{
    public static string SerialOf(string orderNumber, int unit) => $"{orderNumber}-{unit.ToString("D3", CultureInfo.InvariantCulture)}";

    public async Task<IReadOnlyList<PieceDto>> PiecesAsync(long tenant, string kind, long orderId, CancellationToken ct = default)
    {
        var order = await OrderAsync(tenant, kind, orderId, ct);
        if (order.JobId is not { } job) return [];
        var tokens = await engines.For(tenant).Jobs.GetTokensAsync(job, ct);
        return Latest(tokens).Select(t => new PieceDto(SerialOf(OrderRules.Number(order), t.Serial), t.Serial, t.Generation, t.State, t.Node,
            t.State == TokenStates.Completed ? t.EndedAt : null, t.State == TokenStates.Completed)).ToList();
    }

    /// <summary>The story of a finished piece. Raises <c>piece_not_found</c> or <c>piece_not_finished</c>.</summary>
    public async Task<PieceStory> StoryAsync(long tenant, string kind, long orderId, int unit, CancellationToken ct = default)
    {
        var order = await OrderAsync(tenant, kind, orderId, ct);
        var number = OrderRules.Number(order);
        var serial = SerialOf(number, unit);
        if (order.JobId is not { } jobId) throw PieceNotFound(serial);
        var engine = engines.For(tenant);
        var tokens = await engine.Jobs.GetTokensAsync(jobId, ct);
        var piece = Latest(tokens).FirstOrDefault(t => t.Serial == unit) ?? throw PieceNotFound(serial);
        if (piece.State != TokenStates.Completed)
            throw WeftException.Conflict("piece_not_finished", $"Piece {serial} is {piece.State} at '{piece.Node}'; its certificate is printed once it is done.");

        // The piece's whole story: every generation of its serial (a scrapped attempt included), with their branches.
        var generations = tokens.Where(t => t.ParentTokenId == null && t.Serial == unit).ToDictionary(t => t.Id, t => t.Generation);
        var generationOf = new Dictionary<long, int>(generations);
        // Tokens come in id order, so a branch (of a branch) follows the token it split from.
        foreach (var t in tokens.Where(t => t.ParentTokenId is { } parent && generationOf.ContainsKey(parent)))
            generationOf.TryAdd(t.Id, generationOf[t.ParentTokenId!.Value]);
        var branches = generationOf.Keys.ToHashSet();
        var items = await WorkItemsAsync(engine, jobId, ct);
        var graph = (await engine.Graphs.GetVersionAsync(order.Routing, piece.GraphVersion, ct)).Definition;
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in items.Where(i => branches.Contains(i.TokenId)).Select(i => i.Agent).OfType<string>().Distinct())
            names[key] = await NameOfAsync(engine, key, ct);
        var steps = items.Where(i => branches.Contains(i.TokenId) && i.State == WorkItemStates.Completed)
            .OrderBy(i => i.EndedAt ?? i.StartedAt).ThenBy(i => i.Id)
            .Select(i => new PieceStep(i.Node, StepName(graph.Node(i.Node)?.Name ?? i.Node, generationOf[i.TokenId], piece.Generation),
                i.Agent is null ? null : names[i.Agent], i.Agent,
                i.StartedAt, i.EndedAt, Math.Round(i.WorkSeconds / 60.0, 1), i.Outcome is "pass" or "fail" ? i.Outcome : null, i.Note))
            .ToList();
        var replaced = tokens.Where(t => t.Serial == unit && t.ParentTokenId == null && t.ReplacedByTokenId != null).OrderBy(t => t.Generation)
            .Select(t => new PieceReplacement(serial, t.Generation, Reason(t, items), t.EndedAt ?? t.ArrivedAt)).ToList();
        string productName;
        await using (var db = await data.OpenAsync(tenant, ct))
            productName = await db.Products.AsNoTracking().Where(p => p.Key == order.ProductKey).Select(p => p.Name).FirstOrDefaultAsync(ct) ?? order.ProductKey;
        return new PieceStory(await tenants.NameOfAsync(tenant, ct) ?? "the atelier", number, order.ProductKey, productName, serial, piece.Generation,
            steps, replaced, piece.EndedAt);
    }

    /// <summary>The latest generation of each unit: a replacement takes the place of the token it replaced.</summary>
    private static IEnumerable<TokenDto> Latest(IReadOnlyList<TokenDto> tokens) =>
        tokens.Where(t => t.ParentTokenId == null && t.ReplacedByTokenId == null).OrderBy(t => t.Serial);

    private static Task<List<WorkItemDto>> WorkItemsAsync(FlowEngine engine, long jobId, CancellationToken ct) =>
        AllPages.ReadAsync(cursor => engine.Work.ListWorkItemsAsync(new WorkItemFilter(null, null, null, null, jobId), FlowEngine.MaxPageSize, cursor, ct));

    private static async Task<string> NameOfAsync(FlowEngine engine, string key, CancellationToken ct)
    {
        try
        {
            return (await engine.Agents.GetAgentAsync(key, ct)).Name;
        }
        catch (WeftException e) when (e.Kind == ErrorKind.NotFound)
        {
            return key;
        }
    }

    private static string StepName(string name, int generation, int latest) =>
        generation == latest ? name : $"{name} (attempt {(generation + 1).ToString(CultureInfo.InvariantCulture)})";

    /// <summary>Why a generation was remade, with the QC finding that failed it when there is one.</summary>
    private static string Reason(TokenDto replaced, IReadOnlyList<WorkItemDto> items)
    {
        var finding = items.LastOrDefault(i => i.TokenId == replaced.Id && i.Outcome == "fail")?.Note;
        return replaced.CancelReason switch
        {
            CancelReasons.QcFail => finding is null ? "failed QC, remade" : $"failed QC ({finding}), remade",
            CancelReasons.Redesign => "remade on a newer routing",
            _ => replaced.CancelReason ?? "replaced",
        };
    }

    private async Task<ProductionOrderRecord> OrderAsync(long tenant, string kind, long id, CancellationToken ct)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        return await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id && o.Kind == kind, ct) ?? throw OrderRules.NotFound(kind, id);
    }

    private static WeftException PieceNotFound(string serial) => WeftException.NotFound("piece_not_found", $"There is no piece {serial}.");
}
