using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Weft.Market.Persistence;
using Weft.Market.Visibility;
using Weft.Platform.Errors;
using Weft.Platform.Paging;
using Weft.Platform.Tenancy;

namespace Weft.Market.Organizations;

/// <summary>
/// The marketplace's buyer and supplier organizations and their people. The operator's staff add organizations; an
/// organization's admins (and the staff) keep its profile and its members, who are the tenant's users found by email.
/// </summary>
internal sealed partial class Organizations(MarketDb data, IUserDirectory users)
{
    public const int MaxPage = 200;

    public async Task<Page<OrganizationDto>> ListAsync(long tenant, MarketViewer viewer, string? kind, string? q, int? limit, string? cursor, CancellationToken ct)
    {
        if (kind is not null && !MarketRoles.Kinds.Contains(kind))
            throw WeftException.Invalid("validation_failed", $"'kind' is one of: {string.Join(", ", MarketRoles.Kinds)}.");
        var take = Math.Clamp(limit ?? 50, 1, MaxPage);
        var after = cursor is null ? 0 : long.TryParse(cursor, out var c) && c > 0 ? c : throw WeftException.Invalid("cursor_invalid", "'cursor' is not one this list gave.");
        await using var db = await data.OpenAsync(tenant, viewer, ct);
        var query = db.Organizations.AsNoTracking().Where(o => o.Id > after);
        if (kind is not null) query = query.Where(o => o.Kind == kind);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim().ToLowerInvariant();
            query = query.Where(o => o.Name.ToLower().Contains(text) || o.Key.Contains(text));
        }
        var rows = await query.OrderBy(o => o.Id).Take(take + 1).ToListAsync(ct);
        var next = rows.Count > take ? rows[take - 1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return new Page<OrganizationDto>(rows.Take(take).Select(ToDto).ToList(), next);
    }

    public async Task<OrganizationDto> GetAsync(long tenant, MarketViewer viewer, long id, CancellationToken ct)
    {
        await using var db = await data.OpenAsync(tenant, viewer, ct);
        return ToDto(await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct) ?? throw NotFound(id));
    }

    public async Task<OrganizationDto> CreateAsync(long tenant, MarketViewer viewer, OrganizationRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = Check(request, creating: true);
        errors.ThrowIfAny();
        RequireStaff(viewer);
        return await data.ChangeAsync(tenant, viewer, async db =>
        {
            var key = request.Key!.Trim();
            if (await db.Organizations.AnyAsync(o => o.Key == key, ct))
                throw WeftException.Conflict("organization_exists", $"An organization with key '{key}' exists already.");
            var record = new OrganizationRecord { Key = key, Kind = request.Kind!, CreatedAt = data.Now };
            Apply(record, request);
            db.Organizations.Add(record);
            await db.SaveChangesAsync(ct);
            return ToDto(record);
        }, ct);
    }

    public async Task<OrganizationDto> UpdateAsync(long tenant, MarketViewer viewer, long id, OrganizationRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        Check(request, creating: false).ThrowIfAny();
        return await data.ChangeAsync(tenant, viewer, async db =>
        {
            var record = await db.Organizations.FirstOrDefaultAsync(o => o.Id == id, ct) ?? throw NotFound(id);
            RequireAdminOf(viewer, id);
            if (request.Version is { } version && version != record.Version)
                throw WeftException.Conflict("stale_version", $"Organization {id} changed meanwhile (version {record.Version}); reload it.");
            Apply(record, request);
            await db.SaveChangesAsync(ct);
            return ToDto(record);
        }, ct);
    }

    public async Task<IReadOnlyList<MemberDto>> MembersAsync(long tenant, MarketViewer viewer, long id, CancellationToken ct)
    {
        await using var db = await data.OpenAsync(tenant, viewer, ct);
        if (!viewer.IsStaff && viewer.Kind != MarketViewerKind.System && viewer.Organization != id) throw NotFound(id);
        if (!await db.Organizations.AnyAsync(o => o.Id == id, ct)) throw NotFound(id);
        return await db.Members.AsNoTracking().Where(m => m.OrganizationId == id).OrderBy(m => m.Name)
            .Select(m => new MemberDto(m.UserId, m.OrganizationId, m.Email, m.Name, m.Role, m.CreatedAt)).ToListAsync(ct);
    }

    /// <summary>Makes the tenant's user with this email a member (<c>user_not_found</c>, <c>already_a_member</c> otherwise).</summary>
    public async Task<MemberDto> AddMemberAsync(long tenant, MarketViewer viewer, long id, AddMemberRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        var email = request.Email?.Trim();
        if (string.IsNullOrEmpty(email) || email.Length > 254 || !email.Contains('@', StringComparison.Ordinal)) errors.Add("email", "'email' is the email of one of the marketplace's users.");
        if (string.IsNullOrWhiteSpace(request.Role)) errors.Add("role", "'role' is required.");
        errors.ThrowIfAny();
        var user = await users.FindByEmailAsync(tenant, email!, ct);
        return await data.ChangeAsync(tenant, viewer, async db =>
        {
            var organization = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct) ?? throw NotFound(id);
            RequireAdminOf(viewer, id);
            if (!MarketRoles.RolesOf(organization.Kind).Contains(request.Role!))
                throw WeftException.Invalid("validation_failed", $"A member of a {organization.Kind} organization is one of: {string.Join(", ", MarketRoles.RolesOf(organization.Kind))}.",
                    new Dictionary<string, string[]> { ["role"] = [$"'role' is one of: {string.Join(", ", MarketRoles.RolesOf(organization.Kind))}."] });
            if (user is null || user.Disabled) throw WeftException.Rule("user_not_found", $"No active user of this marketplace signs in as '{email}'; add them as a user first.");
            // Whoever is looking, a user is a member of one organization at most: the check reads past the viewer's filter.
            var existing = await db.Members.IgnoreQueryFilters([MarketVisibility.Filter]).FirstOrDefaultAsync(m => m.UserId == user.Id, ct);
            if (existing is not null && existing.OrganizationId != id)
                throw WeftException.Conflict("already_a_member", $"'{email}' is a member of another organization already.");
            if (existing is null)
            {
                existing = new MemberRecord { OrganizationId = id, UserId = user.Id, CreatedAt = data.Now };
                db.Members.Add(existing);
            }
            existing.Email = user.Email;
            existing.Name = user.Name;
            existing.Role = request.Role!;
            await db.SaveChangesAsync(ct);
            return new MemberDto(existing.UserId, id, existing.Email, existing.Name, existing.Role, existing.CreatedAt);
        }, ct);
    }

    public async Task RemoveMemberAsync(long tenant, MarketViewer viewer, long id, long userId, CancellationToken ct)
    {
        await data.ChangeAsync(tenant, viewer, async db =>
        {
            if (!await db.Organizations.AnyAsync(o => o.Id == id, ct)) throw NotFound(id);
            RequireAdminOf(viewer, id);
            var member = await db.Members.FirstOrDefaultAsync(m => m.OrganizationId == id && m.UserId == userId, ct)
                ?? throw WeftException.NotFound("member_not_found", $"User {userId} is not a member of organization {id}.");
            if (MarketRoles.IsAdmin(member.Role) && !await db.Members.AnyAsync(m => m.OrganizationId == id && m.UserId != userId && (m.Role == MarketRoles.BuyerAdmin || m.Role == MarketRoles.SupplierAdmin), ct))
                throw WeftException.Conflict("last_admin", "An organization keeps at least one admin; make someone else admin first.");
            db.Members.Remove(member);
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);
    }

    public async Task<MarketMeDto> MeAsync(long tenant, MarketViewer viewer, CancellationToken ct) =>
        new(viewer.Kind.ToString().ToLowerInvariant(), viewer.IsMember ? await GetAsync(tenant, viewer, viewer.Organization, ct) : null, viewer.Role, viewer.Name);

    /// <summary>Only the operator's staff (<c>staff_only</c>, 403).</summary>
    public static void RequireStaff(MarketViewer viewer)
    {
        if (viewer.Kind is not (MarketViewerKind.Staff or MarketViewerKind.System))
            throw WeftException.Forbidden("staff_only", "Only the marketplace operator's staff may do this.");
    }

    /// <summary>The operator's staff, or an admin of organization <paramref name="id"/> (<c>organization_admin_only</c>, 403).</summary>
    public static void RequireAdminOf(MarketViewer viewer, long id)
    {
        if (viewer.Kind is MarketViewerKind.Staff or MarketViewerKind.System) return;
        if (viewer.IsMember && viewer.Organization == id && MarketRoles.IsAdmin(viewer.Role!)) return;
        throw WeftException.Forbidden("organization_admin_only", "Only the organization's admins or the marketplace's staff may do this.");
    }

    private static FieldErrors Check(OrganizationRequest request, bool creating)
    {
        var errors = new FieldErrors();
        if (creating)
        {
            if (!OrganizationKey().IsMatch(request.Key?.Trim() ?? "")) errors.Add("key", "'key' is 2-64 lower-case letters, digits or '-', starting with a letter or digit (e.g. andes-lithium).");
            if (request.Kind is null || !MarketRoles.Kinds.Contains(request.Kind)) errors.Add("kind", $"'kind' is one of: {string.Join(", ", MarketRoles.Kinds)}.");
        }
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200) errors.Add("name", "'name' is required, at most 200 characters.");
        if (!Country().IsMatch(request.Country?.Trim() ?? "")) errors.Add("country", "'country' is a two-letter ISO 3166 code (e.g. CL).");
        if (request.Description is { Length: > 4000 }) errors.Add("description", "'description' is at most 4,000 characters.");
        if (request.Website is { Length: > 0 } website && (website.Length > 400 || !Uri.TryCreate(website, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")))
            errors.Add("website", "'website' is an http(s) address of at most 400 characters.");
        return errors;
    }

    private void Apply(OrganizationRecord record, OrganizationRequest request)
    {
        record.Name = request.Name!.Trim();
        record.Country = request.Country!.Trim().ToUpperInvariant();
        record.Description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim();
        record.Website = string.IsNullOrWhiteSpace(request.Website) ? null : request.Website.Trim();
        record.UpdatedAt = data.Now;
    }

    public static OrganizationDto ToDto(OrganizationRecord o) =>
        new(o.Id, o.Key, o.Name, o.Kind, o.Country, o.Description, o.Website, o.Verified, o.CreatedAt, o.Version);

    public static WeftException NotFound(long id) => WeftException.NotFound("organization_not_found", $"Organization {id} does not exist.");

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,63}$")]
    private static partial Regex OrganizationKey();

    [GeneratedRegex("^[A-Za-z]{2}$")]
    private static partial Regex Country();
}
