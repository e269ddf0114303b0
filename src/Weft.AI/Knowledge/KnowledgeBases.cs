using Microsoft.EntityFrameworkCore;
using Weft.AI.Models;
using Weft.AI.Persistence;
using Weft.AI.Runs;
using Weft.AI.Providers;
using Weft.Platform.Audit;
using Weft.Platform.Errors;
using Weft.Platform.Paging;

namespace Weft.AI.Knowledge;

/// <summary>An admin keeps knowledge bases: collections of documents AI agents answer from.</summary>
internal sealed class KnowledgeBases(AiDb data, ModelCatalogue catalogue, KnowledgeSearch search)
{
    public async Task<KnowledgeBaseDto> CreateAsync(long tenant, string actor, CreateKnowledgeBaseRequest request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        errors.RequireKey(request.Key, "key");
        KnowledgeRules.CheckName(errors, request.Name);
        KnowledgeRules.CheckDescription(errors, request.Description);
        errors.ThrowIfAny();
        await catalogue.EnsureSeededAsync(tenant, ct);
        return await data.ChangeAsync(tenant, async db =>
        {
            if (await db.KnowledgeBases.AnyAsync(b => b.Key == request.Key, ct))
                throw WeftException.Conflict("knowledge_base_exists", $"Knowledge base '{request.Key}' already exists.");
            var model = request.EmbeddingModel switch
            {
                null => await DefaultEmbeddingModelAsync(db, ct),
                "" => null,
                var key => await CheckEmbeddingModelAsync(db, key, ct),
            };
            var row = new KnowledgeBaseRecord
            {
                Key = request.Key!, Name = request.Name!.Trim(), Description = request.Description?.Trim() ?? "", EmbeddingModel = model,
                CreatedAt = data.Now, UpdatedAt = data.Now,
            };
            db.KnowledgeBases.Add(row);
            Audit(db, "ai_knowledge_base_created", actor, row);
            await db.SaveChangesAsync(ct);
            return row.ToDto(0, 0);
        }, ct);
    }

    public async Task<KnowledgeBaseDto> UpdateAsync(long tenant, string actor, string key, UpdateKnowledgeBaseRequest request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (request.Name is not null) KnowledgeRules.CheckName(errors, request.Name);
        KnowledgeRules.CheckDescription(errors, request.Description);
        errors.ThrowIfAny();
        return await data.ChangeAsync(tenant, async db =>
        {
            var row = await db.KnowledgeBases.FirstOrDefaultAsync(b => b.Key == key, ct) ?? throw KnowledgeRules.NotFound(key);
            if (request.Version is { } v && v != row.Version)
                throw WeftException.Conflict("stale_version", $"Knowledge base '{key}' is at version {row.Version}, not {v}.");
            if (request.EmbeddingModel is not null)
                row.EmbeddingModel = request.EmbeddingModel.Length == 0 ? null : await CheckEmbeddingModelAsync(db, request.EmbeddingModel, ct);
            if (request.Name is not null) row.Name = request.Name.Trim();
            if (request.Description is not null) row.Description = request.Description.Trim();
            row.UpdatedAt = data.Now;
            Audit(db, "ai_knowledge_base_updated", actor, row);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            var (documents, chunks) = await CountsAsync(db, row.Id, ct);
            return row.ToDto(documents, chunks);
        }, ct);
    }

    /// <summary>Removes a base with its documents and chunks (and so from every index); agents that used it stop using it.</summary>
    public Task DeleteAsync(long tenant, string actor, string key, CancellationToken ct = default) =>
        data.ChangeAsync(tenant, async db =>
        {
            var row = await db.KnowledgeBases.FirstOrDefaultAsync(b => b.Key == key, ct) ?? throw KnowledgeRules.NotFound(key);
            await db.Chunks.Where(c => c.BaseId == row.Id).ExecuteDeleteAsync(ct);
            await db.Documents.Where(d => d.BaseId == row.Id).ExecuteDeleteAsync(ct);
            foreach (var agent in await db.Agents.ToListAsync(ct))
            {
                var bases = Agents.AgentProfileRules.KnowledgeOf(agent);
                if (!bases.Contains(key)) continue;
                agent.KnowledgeJson = Agents.AgentProfileRules.KeysJson([.. bases.Where(b => b != key)]);
                agent.UpdatedAt = data.Now;
            }
            db.KnowledgeBases.Remove(row);
            Audit(db, "ai_knowledge_base_deleted", actor, row);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);

    public async Task<KnowledgeBaseDto> GetAsync(long tenant, string key, CancellationToken ct = default)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        var row = await db.KnowledgeBases.AsNoTracking().FirstOrDefaultAsync(b => b.Key == key, ct) ?? throw KnowledgeRules.NotFound(key);
        var (documents, chunks) = await CountsAsync(db, row.Id, ct);
        return row.ToDto(documents, chunks);
    }

    public async Task<Page<KnowledgeBaseDto>> ListAsync(long tenant, int? limit, string? cursor, CancellationToken ct = default)
    {
        var (take, after) = PageCursor.Parse(limit, cursor);
        await using var db = await data.OpenAsync(tenant, ct);
        var rows = await db.KnowledgeBases.AsNoTracking().Where(b => b.Id > after).OrderBy(b => b.Id).Take(take + 1).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var documents = await db.Documents.AsNoTracking().Where(d => ids.Contains(d.BaseId)).GroupBy(d => d.BaseId)
            .Select(g => new { Base = g.Key, Documents = g.Count(), Chunks = g.Sum(d => d.Chunks) }).ToDictionaryAsync(g => g.Base, ct);
        return PageCursor.Of(rows, take, r => r.Id,
            r => documents.TryGetValue(r.Id, out var c) ? r.ToDto(c.Documents, c.Chunks) : r.ToDto(0, 0));
    }

    /// <summary>The retrieval test: the chunks a query finds, ranked, with their scores.</summary>
    public async Task<SearchResult> SearchAsync(long tenant, string key, SearchRequest request, CancellationToken ct = default)
    {
        var (query, limit) = KnowledgeRules.CheckSearch(request);
        var spent = new List<CallAttempt>();
        SearchResult result;
        await using (var db = await data.OpenAsync(tenant, ct))
        {
            var row = await db.KnowledgeBases.AsNoTracking().FirstOrDefaultAsync(b => b.Key == key, ct) ?? throw KnowledgeRules.NotFound(key);
            result = await search.SearchAsync(db, tenant, [row], query, limit, spent, ct);
        }
        // The query's embedding cost money: it counts in the tenant's costs, under the knowledge base.
        if (spent.Count > 0) await data.ChangeAsync(tenant, db => { Spending.Add(db, Spending.KnowledgeSubject(key), data.Now, spent); return db.SaveChangesAsync(CancellationToken.None); }, CancellationToken.None);
        return result;
    }

    private static async Task<(int Documents, int Chunks)> CountsAsync(AiDbContext db, long baseId, CancellationToken ct)
    {
        var counts = await db.Documents.AsNoTracking().Where(d => d.BaseId == baseId).GroupBy(d => d.BaseId)
            .Select(g => new { Documents = g.Count(), Chunks = g.Sum(d => d.Chunks) }).FirstOrDefaultAsync(ct);
        return counts is null ? (0, 0) : (counts.Documents, counts.Chunks);
    }

    private static async Task<string> CheckEmbeddingModelAsync(AiDbContext db, string key, CancellationToken ct)
    {
        var model = await db.Models.AsNoTracking().FirstOrDefaultAsync(m => m.Key == key, ct);
        var errors = new FieldErrors();
        KnowledgeRules.CheckEmbeddingModel(errors, key, model);
        if (model is { Kind: ProviderKinds.Anthropic }) errors.Add("embeddingModel", "Anthropic offers no embeddings; choose a model of another kind.");
        errors.ThrowIfAny();
        return key;
    }

    /// <summary>The catalogue's first embeddings model that some provider serves, so a tenant that has one gets vector search without asking.</summary>
    private static async Task<string?> DefaultEmbeddingModelAsync(AiDbContext db, CancellationToken ct)
    {
        var providers = await db.Providers.AsNoTracking().Select(p => new { p.Key, p.Kind }).ToListAsync(ct);
        var models = await db.Models.AsNoTracking().Where(m => m.Purpose == ModelPurposes.Embeddings && m.Kind != ProviderKinds.Anthropic)
            .OrderBy(m => m.Id).ToListAsync(ct);
        return models.FirstOrDefault(m => m.Provider is { } named ? providers.Any(p => p.Key == named) : providers.Any(p => p.Kind == m.Kind))?.Key;
    }

    private void Audit(AiDbContext db, string type, string actor, KnowledgeBaseRecord row) =>
        db.Publish(new AuditRecorded(type, data.Now, actor, AuditRecorded.DataOf(new { key = row.Key, name = row.Name, embeddingModel = row.EmbeddingModel })),
            AuditRecorded.Stream);
}
