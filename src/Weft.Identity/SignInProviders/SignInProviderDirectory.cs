using Microsoft.EntityFrameworkCore;
using Weft.Identity.Audit;
using Weft.Identity.ExternalSignIn;
using Weft.Identity.Persistence;
using Weft.Identity.Tenants;
using Weft.Platform.Errors;
using Weft.Platform.Paging;

namespace Weft.Identity.SignInProviders;

/// <summary>
/// An admin lets the tenant's people sign in with identity providers; client secrets go in encrypted and
/// never come out. A change takes effect at the next sign-in, without a restart.
/// </summary>
internal sealed class SignInProviderDirectory(IdentityDb data, SignInProviderSecrets secrets, TenantDirectory tenants, ExternalSchemes schemes)
{
    public async Task<SignInProviderDto> CreateAsync(long tenant, string actor, CreateSignInProviderRequest request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        errors.RequireKey(request.Key, "key");
        SignInProviderRules.CheckName(errors, request.Name);
        SignInProviderRules.CheckKind(errors, request.Kind);
        SignInProviderRules.CheckAuthority(errors, request.Authority);
        SignInProviderRules.CheckDirectory(errors, request.Kind, request.Directory);
        SignInProviderRules.CheckClientId(errors, request.ClientId, required: true);
        SignInProviderRules.CheckClientSecret(errors, request.ClientSecret, required: true);
        SignInProviderRules.CheckScopes(errors, request.Scopes);
        SignInProviderRules.CheckProvisionRole(errors, request.ProvisionRole, mayBeEmpty: false);
        if (!errors.Has("kind")) SignInProviderRules.CheckComplete(errors, request.Kind!, request.Authority);
        errors.ThrowIfAny();
        var tenantKey = await tenants.KeyOfAsync(tenant, ct);
        var dto = await data.ChangeAsync(tenant, async (db, _) =>
        {
            if (await db.SignInProviders.AnyAsync(p => p.Key == request.Key, ct))
                throw WeftException.Conflict("sign_in_provider_exists", $"Sign-in provider '{request.Key}' already exists.");
            var provider = new SignInProviderRecord
            {
                Key = request.Key!,
                Name = request.Name!.Trim(),
                Kind = request.Kind!,
                Authority = request.Authority,
                Directory = request.Directory,
                ClientId = request.ClientId!,
                ClientSecretProtected = secrets.Protect(tenant, request.ClientSecret!),
                Scopes = string.Join(' ', (request.Scopes ?? []).Distinct(StringComparer.Ordinal)),
                Enabled = request.Enabled ?? true,
                ProvisionRole = request.ProvisionRole,
                CreatedAt = data.Now,
                UpdatedAt = data.Now,
            };
            db.SignInProviders.Add(provider);
            Audit(db, "sign_in_provider_created", actor, provider, secretChanged: true);
            await db.SaveChangesAsync(ct);
            return provider.ToDto(tenantKey);
        }, ct);
        schemes.Forget(tenant, dto.Key);
        return dto;
    }

    public async Task<SignInProviderDto> UpdateAsync(long tenant, string actor, string key, UpdateSignInProviderRequest request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (request.Name is not null) SignInProviderRules.CheckName(errors, request.Name);
        // An empty authority goes back to the kind's own.
        var resetAuthority = request.Authority is { Length: 0 };
        if (!resetAuthority) SignInProviderRules.CheckAuthority(errors, request.Authority);
        SignInProviderRules.CheckClientId(errors, request.ClientId, required: false);
        SignInProviderRules.CheckClientSecret(errors, request.ClientSecret, required: false);
        SignInProviderRules.CheckScopes(errors, request.Scopes);
        SignInProviderRules.CheckProvisionRole(errors, request.ProvisionRole, mayBeEmpty: true);
        errors.ThrowIfAny();
        var tenantKey = await tenants.KeyOfAsync(tenant, ct);
        var dto = await data.ChangeAsync(tenant, async (db, _) =>
        {
            var provider = await db.SignInProviders.FirstOrDefaultAsync(p => p.Key == key, ct) ?? throw SignInProviderRules.NotFound(key);
            if (request.Version is { } v && v != provider.Version)
                throw WeftException.Conflict("stale_version", $"Sign-in provider '{key}' is at version {provider.Version}, not {v}.");
            var checks = new FieldErrors();
            SignInProviderRules.CheckDirectory(checks, provider.Kind, request.Directory is { Length: 0 } ? null : request.Directory);
            SignInProviderRules.CheckComplete(checks, provider.Kind, resetAuthority ? null : request.Authority ?? provider.Authority);
            checks.ThrowIfAny();
            if (request.Name is not null) provider.Name = request.Name.Trim();
            if (request.Authority is not null) provider.Authority = resetAuthority ? null : request.Authority;
            if (request.Directory is not null) provider.Directory = request.Directory.Length == 0 ? null : request.Directory;
            if (request.ClientId is not null) provider.ClientId = request.ClientId;
            if (request.ClientSecret is not null) provider.ClientSecretProtected = secrets.Protect(tenant, request.ClientSecret);
            if (request.Scopes is not null) provider.Scopes = string.Join(' ', request.Scopes.Distinct(StringComparer.Ordinal));
            if (request.Enabled is { } enabled) provider.Enabled = enabled;
            if (request.ProvisionRole is not null) provider.ProvisionRole = request.ProvisionRole.Length == 0 ? null : request.ProvisionRole;
            provider.UpdatedAt = data.Now;
            Audit(db, "sign_in_provider_updated", actor, provider, secretChanged: request.ClientSecret is not null);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            return provider.ToDto(tenantKey);
        }, ct);
        schemes.Forget(tenant, key);
        return dto;
    }

    /// <summary>Removes a provider and the accounts linked through it: its people sign in some other way.</summary>
    public async Task DeleteAsync(long tenant, string actor, string key, CancellationToken ct = default)
    {
        await data.ChangeAsync(tenant, async (db, _) =>
        {
            var provider = await db.SignInProviders.FirstOrDefaultAsync(p => p.Key == key, ct) ?? throw SignInProviderRules.NotFound(key);
            await db.ExternalLogins.Where(l => l.Provider == key).ExecuteDeleteAsync(ct);
            db.SignInProviders.Remove(provider);
            Audit(db, "sign_in_provider_deleted", actor, provider, secretChanged: true);
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);
        schemes.Forget(tenant, key);
    }

    public async Task<Page<SignInProviderDto>> ListAsync(long tenant, int? limit, string? cursor, CancellationToken ct = default)
    {
        var (take, after) = PageCursor.Parse(limit, cursor);
        var tenantKey = await tenants.KeyOfAsync(tenant, ct);
        await using var db = await data.OpenAsync(tenant, ct);
        var rows = await db.SignInProviders.AsNoTracking().Where(p => p.Id > after).OrderBy(p => p.Id).Take(take + 1).ToListAsync(ct);
        return PageCursor.Of(rows, take, p => p.Id, p => p.ToDto(tenantKey));
    }

    public async Task<SignInProviderDto> GetAsync(long tenant, string key, CancellationToken ct = default)
    {
        var tenantKey = await tenants.KeyOfAsync(tenant, ct);
        await using var db = await data.OpenAsync(tenant, ct);
        var provider = await db.SignInProviders.AsNoTracking().FirstOrDefaultAsync(p => p.Key == key, ct) ?? throw SignInProviderRules.NotFound(key);
        return provider.ToDto(tenantKey);
    }

    /// <summary>The buttons of the tenant's sign-in page.</summary>
    public async Task<IReadOnlyList<SignInChoice>> ChoicesAsync(long tenant, CancellationToken ct = default)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        return await db.SignInProviders.AsNoTracking().Where(p => p.Enabled).OrderBy(p => p.Name)
            .Select(p => new SignInChoice(p.Key, p.Name, p.Kind)).ToListAsync(ct);
    }

    // The trail says that the secret changed, never what it is.
    private void Audit(IdentityDbContext db, string type, string actor, SignInProviderRecord provider, bool secretChanged) =>
        AuditTrail.Record(db, data.Now, actor, type, new
        {
            provider = provider.Key,
            kind = provider.Kind,
            authority = SignInProviderRules.AuthorityOf(provider),
            clientId = provider.ClientId,
            enabled = provider.Enabled,
            provisionRole = provider.ProvisionRole,
            secretChanged,
        });
}
