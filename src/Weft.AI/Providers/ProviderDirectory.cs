using Microsoft.EntityFrameworkCore;
using Weft.AI.Persistence;
using Weft.Platform.Audit;
using Weft.Platform.Errors;
using Weft.Platform.Paging;

namespace Weft.AI.Providers;

/// <summary>An admin connects the tenant to model providers; their API keys go in encrypted and never come out.</summary>
internal sealed class ProviderDirectory(AiDb data, ProviderSecrets secrets)
{
    public async Task<ProviderDto> CreateAsync(long tenant, string actor, CreateProviderRequest request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        errors.RequireKey(request.Key, "key");
        ProviderRules.CheckName(errors, request.Name);
        ProviderRules.CheckKind(errors, request.Kind);
        ProviderRules.CheckBaseUrl(errors, request.BaseUrl);
        ProviderRules.CheckApiKey(errors, request.ApiKey);
        ProviderRules.CheckTimeout(errors, request.TimeoutSeconds);
        if (!errors.Has("kind")) ProviderRules.CheckComplete(errors, request.Kind!, request.BaseUrl, request.ApiKey is not null);
        errors.ThrowIfAny();
        return await data.ChangeAsync(tenant, async db =>
        {
            if (await db.Providers.AnyAsync(p => p.Key == request.Key, ct))
                throw WeftException.Conflict("provider_exists", $"Provider '{request.Key}' already exists.");
            var provider = new ProviderRecord
            {
                Key = request.Key!,
                Name = request.Name!.Trim(),
                Kind = request.Kind!,
                BaseUrl = request.BaseUrl,
                ApiKeyProtected = request.ApiKey is null ? null : secrets.Protect(tenant, request.ApiKey),
                TimeoutSeconds = request.TimeoutSeconds ?? ProviderRules.DefaultTimeoutSeconds,
                CreatedAt = data.Now,
                UpdatedAt = data.Now,
            };
            db.Providers.Add(provider);
            Audit(db, "ai_provider_created", actor, provider, apiKeyChanged: request.ApiKey is not null);
            await db.SaveChangesAsync(ct);
            return provider.ToDto();
        }, ct);
    }

    public async Task<ProviderDto> UpdateAsync(long tenant, string actor, string key, UpdateProviderRequest request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (request.Name is not null) ProviderRules.CheckName(errors, request.Name);
        // An empty base URL goes back to the vendor's own address.
        var removeBaseUrl = request.BaseUrl is { Length: 0 };
        if (!removeBaseUrl) ProviderRules.CheckBaseUrl(errors, request.BaseUrl);
        ProviderRules.CheckApiKey(errors, request.ApiKey);
        ProviderRules.CheckTimeout(errors, request.TimeoutSeconds);
        if (request.ApiKey is not null && request.RemoveApiKey == true) errors.Add("removeApiKey", "Give a new 'apiKey' or remove it, not both.");
        errors.ThrowIfAny();
        return await data.ChangeAsync(tenant, async db =>
        {
            var provider = await db.Providers.FirstOrDefaultAsync(p => p.Key == key, ct) ?? throw ProviderRules.NotFound(key);
            if (request.Version is { } v && v != provider.Version)
                throw WeftException.Conflict("stale_version", $"Provider '{key}' is at version {provider.Version}, not {v}.");
            var keyAfter = request.RemoveApiKey == true ? null : request.ApiKey is null ? provider.ApiKeyProtected : "new";
            var checks = new FieldErrors();
            ProviderRules.CheckComplete(checks, provider.Kind, removeBaseUrl ? null : request.BaseUrl ?? provider.BaseUrl, keyAfter is not null);
            checks.ThrowIfAny();
            if (request.Name is not null) provider.Name = request.Name.Trim();
            if (request.BaseUrl is not null) provider.BaseUrl = removeBaseUrl ? null : request.BaseUrl;
            if (request.TimeoutSeconds is { } seconds) provider.TimeoutSeconds = seconds;
            if (request.RemoveApiKey == true) provider.ApiKeyProtected = null;
            else if (request.ApiKey is not null) provider.ApiKeyProtected = secrets.Protect(tenant, request.ApiKey);
            provider.UpdatedAt = data.Now;
            Audit(db, "ai_provider_updated", actor, provider, apiKeyChanged: request.ApiKey is not null || request.RemoveApiKey == true);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            return provider.ToDto();
        }, ct);
    }

    /// <summary>Removes a provider that no model of the catalogue names.</summary>
    public Task DeleteAsync(long tenant, string actor, string key, CancellationToken ct = default) =>
        data.ChangeAsync(tenant, async db =>
        {
            var provider = await db.Providers.FirstOrDefaultAsync(p => p.Key == key, ct) ?? throw ProviderRules.NotFound(key);
            var models = await db.Models.Where(m => m.Provider == key).OrderBy(m => m.Key).Select(m => m.Key).Take(5).ToListAsync(ct);
            if (models.Count > 0)
                throw WeftException.Conflict("provider_in_use", $"Provider '{key}' serves models of the catalogue ({string.Join(", ", models)}); give them another provider first.");
            db.Providers.Remove(provider);
            Audit(db, "ai_provider_deleted", actor, provider, apiKeyChanged: provider.ApiKeyProtected is not null);
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);

    public async Task<Page<ProviderDto>> ListAsync(long tenant, int? limit, string? cursor, CancellationToken ct = default)
    {
        var (take, after) = PageCursor.Parse(limit, cursor);
        await using var db = await data.OpenAsync(tenant, ct);
        var rows = await db.Providers.AsNoTracking().Where(p => p.Id > after).OrderBy(p => p.Id).Take(take + 1).ToListAsync(ct);
        return PageCursor.Of(rows, take, p => p.Id, p => p.ToDto());
    }

    public async Task<ProviderDto> GetAsync(long tenant, string key, CancellationToken ct = default)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        var provider = await db.Providers.AsNoTracking().FirstOrDefaultAsync(p => p.Key == key, ct) ?? throw ProviderRules.NotFound(key);
        return provider.ToDto();
    }

    // The trail says that the key changed, never what it is.
    private void Audit(AiDbContext db, string type, string actor, ProviderRecord provider, bool apiKeyChanged) =>
        db.Publish(new AuditRecorded(type, data.Now, actor, AuditRecorded.DataOf(new
        {
            provider = provider.Key,
            kind = provider.Kind,
            baseUrl = provider.BaseUrl,
            apiKeyChanged,
        })), AuditRecorded.Stream);
}
