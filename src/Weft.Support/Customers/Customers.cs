using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Weft.Platform.Errors;
using Weft.Platform.Paging;
using Weft.Support.Persistence;

namespace Weft.Support.Customers;

/// <summary>
/// A tenant's customers: looked up by name or email, kept (contact, language, tier, tags, custom fields), and merged when
/// two are one person: the duplicate's conversations move to the one kept, and the duplicate points at it from then on.
/// </summary>
internal sealed class Customers(SupportDb data)
{
    public const int MaxTags = 20;

    public async Task<Page<CustomerDto>> ListAsync(long tenant, string? search, int? limit, string? cursor, CancellationToken ct)
    {
        var (take, after) = PageCursor.Parse(limit, cursor);
        await using var db = await data.OpenAsync(tenant, ct);
        var q = db.Customers.AsNoTracking().Where(c => c.MergedIntoId == null && c.Id > after);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = search.Trim().ToLowerInvariant();
            q = q.Where(c => c.Name.ToLower().Contains(s) || (c.Email != null && c.Email.Contains(s)));
        }
        var rows = await q.OrderBy(c => c.Id).Take(take + 1).ToListAsync(ct);
        var organizations = await OrganizationNamesAsync(db, rows, ct);
        return PageCursor.Of(rows, take, c => c.Id, c => ToDto(c, organizations));
    }

    public async Task<CustomerDetail> GetAsync(long tenant, long id, CancellationToken ct)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct)
            ?? throw WeftException.NotFound("customer_not_found", $"Customer {id} does not exist.");
        var conversations = await db.Conversations.AsNoTracking().Where(c => c.CustomerId == id).OrderByDescending(c => c.Id)
            .Select(c => new CustomerConversation(c.Id, c.Number, c.Subject, c.Status, c.Channel, c.CreatedAt, c.CsatScore)).ToListAsync(ct);
        return new CustomerDetail(ToDto(customer, await OrganizationNamesAsync(db, [customer], ct)), conversations);
    }

    /// <summary>How many conversations each of <paramref name="customers"/> had, for a list of customers.</summary>
    public async Task<IReadOnlyDictionary<long, int>> ConversationCountsAsync(long tenant, IReadOnlyCollection<long> customers, CancellationToken ct)
    {
        if (customers.Count == 0) return new Dictionary<long, int>();
        await using var db = await data.OpenAsync(tenant, ct);
        return await db.Conversations.AsNoTracking().Where(c => customers.Contains(c.CustomerId)).GroupBy(c => c.CustomerId)
            .Select(g => new { Customer = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Customer, g => g.Count, ct);
    }

    /// <summary>The customer (not merged away) with exactly this email, or null.</summary>
    public async Task<CustomerDto?> FindByEmailAsync(long tenant, string email, CancellationToken ct)
    {
        var wanted = email.Trim().ToLowerInvariant();
        await using var db = await data.OpenAsync(tenant, ct);
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Email == wanted && c.MergedIntoId == null, ct);
        return customer is null ? null : ToDto(customer, await OrganizationNamesAsync(db, [customer], ct));
    }

    public async Task<CustomerDto> UpdateAsync(long tenant, long id, UpdateCustomerRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request is { Name: null, Email: null, Phone: null, Language: null, Tier: null, Tags: null, Fields: null, ExternalRef: null })
            throw FieldErrors.Of("name", "Give at least one of name, email, phone, language, tier, tags, fields, externalRef.");
        var name = request.Name?.Trim();
        if (name is { Length: 0 or > CustomerMatching.MaxName }) throw FieldErrors.Of("name", $"'name' is 1-{CustomerMatching.MaxName} characters.");
        var email = request.Email?.Trim().ToLowerInvariant();
        if (email is not null && (email.Length > 254 || !CustomerMatching.IsEmail(email))) throw FieldErrors.Of("email", "'email' is not an email address.");
        if (request.Phone is { Length: > 40 }) throw FieldErrors.Of("phone", "'phone' is at most 40 characters.");
        if (request.Language is { Length: > 16 }) throw FieldErrors.Of("language", "'language' is a language tag such as 'en' or 'pt-BR'.");
        if (request.Tier is { Length: > 32 }) throw FieldErrors.Of("tier", "'tier' is at most 32 characters.");
        if (request.ExternalRef is { Length: > 200 }) throw FieldErrors.Of("externalRef", "'externalRef' is at most 200 characters.");
        var tags = request.Tags?.Select(t => t?.Trim() ?? "").ToList();
        if (tags is not null && (tags.Count > MaxTags || tags.Any(t => t.Length is 0 or > 40)))
            throw FieldErrors.Of("tags", $"'tags' holds at most {MaxTags} tags of 1-40 characters.");
        if (request.Fields is { } fields && fields.ToJsonString().Length > 8000) throw FieldErrors.Of("fields", "'fields' takes at most 8,000 characters of JSON.");
        return await data.ChangeAsync(tenant, async db =>
        {
            var customer = await FindAsync(db, id, ct);
            if (request.Version is { } version && version != customer.Version)
                throw WeftException.Conflict("stale_version", $"Customer {id} changed meanwhile (version {customer.Version}); reload it.");
            if (email is not null && email != customer.Email
                && await db.Customers.AnyAsync(c => c.Email == email && c.Id != id && c.MergedIntoId == null, ct))
                throw WeftException.Conflict("email_taken", $"Another customer has {email}; merge the two instead.");
            if (name is not null) customer.Name = name;
            if (email is not null) customer.Email = email;
            if (request.Phone is not null) customer.Phone = request.Phone.Trim();
            if (request.Language is not null) customer.Language = request.Language.Trim();
            if (request.Tier is not null) customer.Tier = request.Tier.Trim();
            if (tags is not null) customer.TagsJson = JsonSerializer.Serialize(tags.Distinct(StringComparer.OrdinalIgnoreCase));
            if (request.Fields is not null) customer.FieldsJson = request.Fields.ToJsonString();
            if (request.ExternalRef is not null) customer.ExternalRef = request.ExternalRef.Trim();
            customer.UpdatedAt = data.Now;
            await db.SaveChangesAsync(ct);
            return ToDto(customer, await OrganizationNamesAsync(db, [customer], ct));
        }, ct);
    }

    public async Task<CustomerDetail> MergeAsync(long tenant, long id, MergeCustomerRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var into = request.Into ?? throw FieldErrors.Of("into", "'into' is the id of the customer to keep.");
        if (into == id) throw FieldErrors.Of("into", "A customer cannot be merged into itself.");
        await data.ChangeAsync(tenant, async db =>
        {
            var duplicate = await FindAsync(db, id, ct);
            var kept = await FindAsync(db, into, ct);
            if (duplicate.MergedIntoId is not null)
                throw WeftException.Conflict("customer_merged", $"Customer {id} was already merged into {duplicate.MergedIntoId}.");
            if (kept.MergedIntoId is not null)
                throw WeftException.Conflict("customer_merged", $"Customer {into} was merged into {kept.MergedIntoId}; merge into that one.");
            foreach (var conversation in await db.Conversations.Where(c => c.CustomerId == id).ToListAsync(ct)) conversation.CustomerId = into;
            // What the kept one lacks, the duplicate brings.
            kept.Email ??= duplicate.Email;
            kept.Phone ??= duplicate.Phone;
            kept.OrganizationId ??= duplicate.OrganizationId;
            kept.ExternalRef ??= duplicate.ExternalRef;
            if (kept.Language.Length == 0) kept.Language = duplicate.Language;
            var tags = JsonSerializer.Deserialize<List<string>>(kept.TagsJson)!.Concat(JsonSerializer.Deserialize<List<string>>(duplicate.TagsJson)!)
                .Distinct(StringComparer.OrdinalIgnoreCase).Take(MaxTags);
            kept.TagsJson = JsonSerializer.Serialize(tags);
            var fields = JsonNode.Parse(duplicate.FieldsJson)!.AsObject();
            foreach (var (k, v) in JsonNode.Parse(kept.FieldsJson)!.AsObject()) fields[k] = v?.DeepClone();
            kept.FieldsJson = fields.ToJsonString();
            duplicate.MergedIntoId = into;
            kept.UpdatedAt = duplicate.UpdatedAt = data.Now;
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);
        return await GetAsync(tenant, into, ct);
    }

    private static async Task<CustomerRecord> FindAsync(SupportDbContext db, long id, CancellationToken ct) =>
        await db.Customers.FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw WeftException.NotFound("customer_not_found", $"Customer {id} does not exist.");

    private static async Task<Dictionary<long, string>> OrganizationNamesAsync(SupportDbContext db, IReadOnlyList<CustomerRecord> customers, CancellationToken ct)
    {
        var ids = customers.Where(c => c.OrganizationId is not null).Select(c => c.OrganizationId!.Value).Distinct().ToList();
        return ids.Count == 0 ? [] : await db.Organizations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
    }

    private static CustomerDto ToDto(CustomerRecord c, Dictionary<long, string> organizations) =>
        new(c.Id, c.Name, c.Email, c.Phone, c.Language, c.OrganizationId,
            c.OrganizationId is { } o && organizations.TryGetValue(o, out var name) ? name : null, c.Tier,
            JsonSerializer.Deserialize<List<string>>(c.TagsJson)!, JsonNode.Parse(c.FieldsJson)!.AsObject(), c.ExternalRef, c.MergedIntoId,
            c.CreatedAt, c.UpdatedAt, c.Version);
}
