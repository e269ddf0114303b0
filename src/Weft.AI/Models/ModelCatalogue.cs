using Microsoft.EntityFrameworkCore;
using Weft.AI.Persistence;
using Weft.AI.Providers;
using Weft.Platform.Audit;
using Weft.Platform.Errors;
using Weft.Platform.Paging;

namespace Weft.AI.Models;

/// <summary>
/// The tenant's models with what they hold and cost. A tenant's catalogue is filled with <see cref="SeedCatalogue"/>
/// the first time it is looked at; after that it is the tenant's own (an emptied catalogue stays empty).
/// </summary>
internal sealed class ModelCatalogue(AiDb data)
{
    public async Task<ModelDto> CreateAsync(long tenant, string actor, CreateModelRequest request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        ModelRules.CheckKey(errors, request.Key);
        ProviderRules.CheckKind(errors, request.Kind);
        ModelRules.CheckProviderModel(errors, request.ProviderModel);
        if (request.Purpose is null) errors.Add("purpose", $"'purpose' is required: one of {string.Join(", ", ModelPurposes.All)}.");
        ModelRules.CheckPurpose(errors, request.Purpose);
        if (request.ContextWindow is null) errors.Add("contextWindow", "'contextWindow' is required.");
        if (request.InputPrice is null) errors.Add("inputPrice", "'inputPrice' is required.");
        ModelRules.CheckFigures(errors, request.ContextWindow, request.InputPrice, request.OutputPrice, request.CachedInputPrice);
        if (request.Provider is not null) errors.RequireKey(request.Provider, "provider");
        errors.ThrowIfAny();
        await EnsureSeededAsync(tenant, ct);
        return await data.ChangeAsync(tenant, async db =>
        {
            if (await db.Models.AnyAsync(m => m.Key == request.Key, ct))
                throw WeftException.Conflict("model_exists", $"Model '{request.Key}' is already in the catalogue.");
            if (request.Provider is { } providerKey)
            {
                var checks = new FieldErrors();
                ModelRules.CheckProvider(checks, await db.Providers.AsNoTracking().FirstOrDefaultAsync(p => p.Key == providerKey, ct), providerKey, request.Kind!);
                checks.ThrowIfAny();
            }
            var model = New(request);
            db.Models.Add(model);
            Audit(db, "ai_model_created", actor, model);
            await db.SaveChangesAsync(ct);
            return model.ToDto();
        }, ct);
    }

    public async Task<ModelDto> UpdateAsync(long tenant, string actor, string key, UpdateModelRequest request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        ModelRules.CheckProviderModel(errors, request.ProviderModel);
        ModelRules.CheckFigures(errors, request.ContextWindow, request.InputPrice, request.OutputPrice, request.CachedInputPrice);
        if (request.Provider is { Length: > 0 }) errors.RequireKey(request.Provider, "provider");
        errors.ThrowIfAny();
        await EnsureSeededAsync(tenant, ct);
        return await data.ChangeAsync(tenant, async db =>
        {
            var model = await db.Models.FirstOrDefaultAsync(m => m.Key == key, ct) ?? throw ModelRules.NotFound(key);
            if (request.Version is { } v && v != model.Version)
                throw WeftException.Conflict("stale_version", $"Model '{key}' is at version {model.Version}, not {v}.");
            if (request.Provider is { Length: > 0 } providerKey)
            {
                var checks = new FieldErrors();
                ModelRules.CheckProvider(checks, await db.Providers.AsNoTracking().FirstOrDefaultAsync(p => p.Key == providerKey, ct), providerKey, model.Kind);
                checks.ThrowIfAny();
            }
            if (request.Provider is not null) model.Provider = request.Provider.Length == 0 ? null : request.Provider;
            if (request.ProviderModel is not null) model.ProviderModel = request.ProviderModel;
            if (request.ContextWindow is { } context) model.ContextWindow = context;
            if (request.InputPrice is { } input) model.InputPrice = input;
            if (request.OutputPrice is { } output) model.OutputPrice = output;
            if (request.CachedInputPrice is { } cached) model.CachedInputPrice = cached;
            model.UpdatedAt = data.Now;
            Audit(db, "ai_model_updated", actor, model);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            return model.ToDto();
        }, ct);
    }

    public async Task DeleteAsync(long tenant, string actor, string key, CancellationToken ct = default)
    {
        await EnsureSeededAsync(tenant, ct);
        await data.ChangeAsync(tenant, async db =>
        {
            var model = await db.Models.FirstOrDefaultAsync(m => m.Key == key, ct) ?? throw ModelRules.NotFound(key);
            db.Models.Remove(model);
            Audit(db, "ai_model_deleted", actor, model);
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);
    }

    public async Task<Page<ModelDto>> ListAsync(long tenant, string? purpose, int? limit, string? cursor, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        ModelRules.CheckPurpose(errors, purpose);
        errors.ThrowIfAny();
        var (take, after) = PageCursor.Parse(limit, cursor);
        await EnsureSeededAsync(tenant, ct);
        await using var db = await data.OpenAsync(tenant, ct);
        var q = db.Models.AsNoTracking().Where(m => m.Id > after);
        if (purpose is not null) q = q.Where(m => m.Purpose == purpose);
        var rows = await q.OrderBy(m => m.Id).Take(take + 1).ToListAsync(ct);
        return PageCursor.Of(rows, take, m => m.Id, m => m.ToDto());
    }

    public async Task<ModelDto> GetAsync(long tenant, string key, CancellationToken ct = default)
    {
        await EnsureSeededAsync(tenant, ct);
        await using var db = await data.OpenAsync(tenant, ct);
        var model = await db.Models.AsNoTracking().FirstOrDefaultAsync(m => m.Key == key, ct) ?? throw ModelRules.NotFound(key);
        return model.ToDto();
    }

    /// <summary>Fills a tenant's catalogue the first time it is asked for (once: a concurrent first asker finds it filled).</summary>
    public async Task EnsureSeededAsync(long tenant, CancellationToken ct)
    {
        await using (var read = await data.OpenAsync(tenant, ct))
        {
            if (await read.Settings.AnyAsync(ct)) return;
        }
        await data.ChangeAsync(tenant, async db =>
        {
            if (await db.Settings.AnyAsync(ct)) return false;
            db.Settings.Add(new AiSettingsRecord { CatalogueSeededAt = data.Now });
            var existing = await db.Models.Select(m => m.Key).ToListAsync(ct);
            foreach (var seed in SeedCatalogue.Models.Where(s => !existing.Contains(s.Key!))) db.Models.Add(New(seed));
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);
    }

    private ModelRecord New(CreateModelRequest request) => new()
    {
        Key = request.Key!,
        Kind = request.Kind!,
        Provider = request.Provider,
        ProviderModel = request.ProviderModel ?? request.Key!,
        Purpose = request.Purpose!,
        ContextWindow = request.ContextWindow!.Value,
        InputPrice = request.InputPrice!.Value,
        OutputPrice = request.OutputPrice ?? 0m,
        CachedInputPrice = request.CachedInputPrice ?? request.InputPrice!.Value,
        CreatedAt = data.Now,
        UpdatedAt = data.Now,
    };

    private void Audit(AiDbContext db, string type, string actor, ModelRecord model) =>
        db.Publish(new AuditRecorded(type, data.Now, actor, AuditRecorded.DataOf(new
        {
            model = model.Key,
            kind = model.Kind,
            provider = model.Provider,
            providerModel = model.ProviderModel,
            inputPrice = model.InputPrice,
            outputPrice = model.OutputPrice,
            cachedInputPrice = model.CachedInputPrice,
        })), AuditRecorded.Stream);
}
