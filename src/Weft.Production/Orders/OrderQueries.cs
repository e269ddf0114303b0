using Microsoft.EntityFrameworkCore;
using Weft.Flow;
using Weft.Flow.Contracts;
using Weft.Platform.Errors;
using Weft.Platform.Paging;
using Weft.Production.Persistence;

namespace Weft.Production.Orders;

/// <summary>Manufacturing orders and atelier jobs as people see them: with their flow job's progress and their hybrid links.</summary>
internal sealed class OrderQueries(ProductionDb data, FlowEngines engines)
{
    public async Task<OrderDto> GetAsync(long tenant, string kind, long id, CancellationToken ct = default)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        var order = await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id && o.Kind == kind, ct) ?? throw OrderRules.NotFound(kind, id);
        return (await ShowAsync(db, tenant, [order], ct))[0];
    }

    /// <summary>
    /// Orders of one kind in id order, a page at a time, filtered by state, product and a search (an order's number, or
    /// words in its product, customer or notes). Released and in progress are told apart by the flow job, so a page
    /// filtered on either may hold fewer rows than the limit.
    /// </summary>
    public async Task<Page<OrderDto>> ListAsync(long tenant, string kind, OrderFilter filter, int? limit, string? cursor,
        CancellationToken ct = default)
    {
        var state = filter.State;
        if (state is not null && !OrderStates.All.Contains(state))
            throw WeftException.Invalid("invalid_state", $"'state' must be one of: {string.Join(", ", OrderStates.All)}.");
        var search = filter.Search?.Trim();
        if (search is { Length: > 200 })
            throw WeftException.Invalid("validation_failed", "'q' is at most 200 characters.",
                new Dictionary<string, string[]> { ["q"] = ["At most 200 characters."] });
        var (take, after) = PageCursor.Parse(limit, cursor);
        await using var db = await data.OpenAsync(tenant, ct);
        var stored = state == OrderStates.InProgress ? OrderStates.Released : state;
        var q = db.Orders.AsNoTracking().Where(o => o.Kind == kind && o.Id > after);
        if (stored is not null) q = q.Where(o => o.State == stored);
        if (filter.Product is not null) q = q.Where(o => o.ProductKey == filter.Product);
        if (!string.IsNullOrEmpty(search))
        {
            if (OrderRules.IdOfNumber(kind, search) is { } id) q = q.Where(o => o.Id == id);
            else
            {
                var words = search.ToLowerInvariant();
                q = q.Where(o => o.ProductKey.ToLower().Contains(words)
                    || (o.Customer != null && o.Customer.ToLower().Contains(words))
                    || (o.Notes != null && o.Notes.ToLower().Contains(words)));
            }
        }
        var rows = await q.OrderBy(o => o.Id).Take(take + 1).ToListAsync(ct);
        var page = PageCursor.Of(rows, take, o => o.Id, o => o);
        var shown = await ShowAsync(db, tenant, page.Items, ct);
        if (state is OrderStates.Released or OrderStates.InProgress) shown = shown.Where(o => o.State == state).ToList();
        return new Page<OrderDto>(shown, page.NextCursor);
    }

    /// <summary>The latest orders of one kind of a product, newest first.</summary>
    public async Task<IReadOnlyList<OrderDto>> LatestOfProductAsync(long tenant, string kind, string product, int count, CancellationToken ct = default)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        var rows = await db.Orders.AsNoTracking().Where(o => o.Kind == kind && o.ProductKey == product)
            .OrderByDescending(o => o.Id).Take(count).ToListAsync(ct);
        return await ShowAsync(db, tenant, rows, ct);
    }

    private async Task<IReadOnlyList<OrderDto>> ShowAsync(ProductionDbContext db, long tenant, IReadOnlyList<ProductionOrderRecord> orders, CancellationToken ct)
    {
        if (orders.Count == 0) return [];
        var jobIds = orders.Where(o => o.JobId is not null).Select(o => o.JobId!.Value).ToList();
        var progress = jobIds.Count == 0 ? [] : (await engines.For(tenant).Jobs.GetProgressAsync(jobIds, ct)).ToDictionary(p => p.JobId);
        var ids = orders.Select(o => o.Id).ToList();
        var linkedIds = orders.Where(o => o.LinkedOrderId is not null).Select(o => o.LinkedOrderId!.Value).ToList();
        var partners = await db.Orders.AsNoTracking().Where(o => linkedIds.Contains(o.Id) || (o.LinkedOrderId != null && ids.Contains(o.LinkedOrderId.Value)))
            .ToListAsync(ct);
        return orders.Select(o =>
        {
            var linked = partners.FirstOrDefault(p => p.Id == o.LinkedOrderId);
            var linkedBy = partners.Where(p => p.LinkedOrderId == o.Id).OrderBy(p => p.Id)
                .Select(p => new OrderLink(p.Id, OrderRules.Number(p), p.State)).ToList();
            return OrderRules.ToDto(o, o.JobId is { } job ? progress.GetValueOrDefault(job) : null,
                linked is null ? null : new OrderLink(linked.Id, OrderRules.Number(linked), linked.State), linkedBy);
        }).ToList();
    }
}
