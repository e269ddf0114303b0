using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace Weft.Support.Triage;

/// <summary>
/// Each tenant's active classifier, loaded once. Every use asks the database which model is active (one small
/// query), so a model trained by another host process replaces the loaded one too.
/// </summary>
internal sealed class ActiveIntentModels(SupportDb data)
{
    private readonly ConcurrentDictionary<long, Loaded> loaded = new();

    public sealed record Loaded(long Id, double Threshold, IntentClassifier Classifier);

    /// <summary>The tenant's active model, or null before one is trained.</summary>
    public async Task<Loaded?> GetAsync(long tenant, CancellationToken ct)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        var active = await db.IntentModels.AsNoTracking().Where(m => m.Active).OrderByDescending(m => m.Id)
            .Select(m => new { m.Id, m.Threshold }).FirstOrDefaultAsync(ct);
        if (active is null)
        {
            loaded.TryRemove(tenant, out _);
            return null;
        }
        if (loaded.TryGetValue(tenant, out var cached) && cached.Id == active.Id) return cached with { Threshold = active.Threshold };
        var bytes = await db.IntentModels.AsNoTracking().Where(m => m.Id == active.Id).Select(m => m.Model).SingleAsync(ct);
        // Loading parses a zip and builds the pipeline: CPU work, kept off the request's thread like training.
        var model = new Loaded(active.Id, active.Threshold, await Task.Run(() => IntentClassifier.Load(bytes), ct));
        return loaded.AddOrUpdate(tenant, model, (_, other) => other.Id > model.Id ? other : model);
    }

    /// <summary>A model just trained and made active here: no need to load it back.</summary>
    public void Use(long tenant, Loaded model) => loaded[tenant] = model;
}
