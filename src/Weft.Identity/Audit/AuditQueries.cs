using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Weft.Identity.Persistence;
using Weft.Platform.Errors;
using Weft.Platform.Paging;

namespace Weft.Identity.Audit;

/// <summary>The tenant's audit trail, for admins: filtered by type, actor and period, paged.</summary>
internal sealed class AuditQueries(IdentityDb data)
{
    public async Task<Page<AuditEntryDto>> ListAsync(long tenant, AuditQuery query, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (query.Type is { Length: > 48 }) errors["type"] = ["'type' is at most 48 characters."];
        if (query.Actor is { Length: > 256 }) errors["actor"] = ["'actor' is at most 256 characters."];
        if (query.From is { Kind: DateTimeKind.Unspecified } || query.To is { Kind: DateTimeKind.Unspecified })
            errors["from"] = ["'from' and 'to' must carry a time zone (ISO-8601)."];
        if (query.From is { } f && query.To is { } t && f > t) errors["to"] = ["'to' must not be before 'from'."];
        errors.ThrowIfAny();
        var (take, after) = PageCursor.Parse(query.Limit, query.Cursor);
        await using var db = await data.OpenAsync(tenant, ct);
        var q = db.Audit.AsNoTracking();
        if (!string.IsNullOrEmpty(query.Type)) q = q.Where(a => a.Type == query.Type);
        if (!string.IsNullOrEmpty(query.Actor)) q = q.Where(a => a.Actor != null && a.Actor.Contains(query.Actor));
        if (query.From is { } from)
        {
            var utc = from.ToUniversalTime();
            q = q.Where(a => a.At >= utc);
        }
        if (query.To is { } to)
        {
            var utc = to.ToUniversalTime();
            q = q.Where(a => a.At < utc);
        }
        List<AuditRecord> rows;
        if (query.NewestFirst)
        {
            if (after > 0) q = q.Where(a => a.Id < after);
            rows = await q.OrderByDescending(a => a.Id).Take(take + 1).ToListAsync(ct);
        }
        else
        {
            rows = await q.Where(a => a.Id > after).OrderBy(a => a.Id).Take(take + 1).ToListAsync(ct);
        }
        return PageCursor.Of(rows, take, a => a.Id, ToDto);
    }

    private static AuditEntryDto ToDto(AuditRecord a) =>
        new(a.Id, a.Type, a.At, a.Actor, a.DataJson is null ? null : JsonNode.Parse(a.DataJson) as JsonObject);
}
