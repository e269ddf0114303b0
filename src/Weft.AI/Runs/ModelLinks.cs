using Microsoft.EntityFrameworkCore;
using Weft.AI.Persistence;
using Weft.AI.Providers;

namespace Weft.AI.Runs;

/// <summary>Resolves catalogue models to the provider that serves each (the one it names, else the first of its kind) with its key.</summary>
internal sealed class ModelLinks(ProviderSecrets secrets)
{
    /// <summary>The models that can be called, in the order asked, and why each of the others cannot.</summary>
    public async Task<(List<ChainLink> Links, List<string> Missing)> ResolveAsync(AiDbContext db, long tenant, IReadOnlyList<string> keys, CancellationToken ct)
    {
        var models = await db.Models.AsNoTracking().Where(m => keys.Contains(m.Key)).ToDictionaryAsync(m => m.Key, StringComparer.Ordinal, ct);
        var providers = await db.Providers.AsNoTracking().OrderBy(p => p.Id).ToListAsync(ct);
        var links = new List<ChainLink>();
        var missing = new List<string>();
        foreach (var key in keys)
        {
            var provider = models.TryGetValue(key, out var model)
                ? model.Provider is { } named ? providers.Find(p => p.Key == named) : providers.Find(p => p.Kind == model.Kind)
                : null;
            if (model is null || provider is null)
            {
                missing.Add(model is null ? $"'{key}' is no longer in the catalogue" : $"no provider of kind '{model.Kind}' serves '{key}'");
                continue;
            }
            var apiKey = provider.ApiKeyProtected is { } stored ? secrets.Unprotect(tenant, stored) : null;
            var baseUrl = provider.BaseUrl is { } url ? new Uri(url) : null;
            links.Add(new ChainLink(model.Key, provider.Key, new ProviderConnection(provider.Kind, baseUrl, apiKey), model.ProviderModel,
                new ModelPrices(model.InputPrice, model.OutputPrice, model.CachedInputPrice), TimeSpan.FromSeconds(provider.TimeoutSeconds)));
        }
        return (links, missing);
    }
}
