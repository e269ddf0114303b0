using System.Runtime.InteropServices;
using Microsoft.EntityFrameworkCore;
using Weft.AI.Persistence;
using Weft.AI.Runs;

namespace Weft.AI.Knowledge;

/// <summary>
/// Finds the chunks of knowledge bases that best answer a query: by their words always, and by meaning too when a base
/// has an embeddings model, the two rankings merged by reciprocal rank fusion (each list gives a chunk 1 / (60 + rank);
/// a chunk both find rises above one only one finds, whatever the two scores' scales).
/// </summary>
internal sealed class KnowledgeSearch(ModelChain chain, ModelLinks links)
{
    /// <summary>The constant of reciprocal rank fusion (Cormack et al. 2009): it damps the weight of the very first ranks.</summary>
    public const int FusionK = 60;

    /// <summary>How many chunks each ranking contributes before fusing.</summary>
    public const int Candidates = 50;

    /// <summary>
    /// The best chunks of the given bases for the query. A base whose embeddings model cannot be reached is searched by
    /// its words only rather than failing the search (the result says which mode was used).
    /// </summary>
    /// <param name="spent">Receives the embeddings calls made for the query, to be recorded by the caller.</param>
    public async Task<SearchResult> SearchAsync(AiDbContext db, long tenant, IReadOnlyList<KnowledgeBaseRecord> bases, string query, int limit,
        ICollection<CallAttempt> spent, CancellationToken ct)
    {
        if (bases.Count == 0) return new SearchResult(query, SearchModes.Lexical, []);
        var ids = bases.Select(b => b.Id).ToList();
        var lexical = await LexicalSearch.SearchAsync(db, tenant, ids, query, Math.Max(limit, Candidates), ct);
        var vector = await VectorSearchAsync(db, tenant, bases, query, Math.Max(limit, Candidates), spent, ct);
        var fused = vector is null
            ? lexical.Select(l => (l.Id, Score: l.Score)).ToList()
            : Fuse(lexical, vector);
        var top = fused.Take(limit).ToList();
        var topIds = top.Select(t => t.Id).ToList();
        var rows = await db.Chunks.AsNoTracking().Where(c => topIds.Contains(c.Id))
            .Join(db.Documents.AsNoTracking(), c => c.DocumentId, d => d.Id, (c, d) => new { c.Id, c.DocumentId, c.BaseId, Document = d.Name, c.Heading, c.Text })
            .ToDictionaryAsync(r => r.Id, ct);
        var keys = bases.ToDictionary(b => b.Id, b => b.Key);
        var lexicalScores = lexical.ToDictionary(l => l.Id, l => l.Score);
        var vectorScores = vector?.ToDictionary(v => v.Id, v => v.Score);
        var chunks = top.Where(t => rows.ContainsKey(t.Id)).Select(t =>
        {
            var r = rows[t.Id];
            return new RetrievedChunk(r.Id, r.DocumentId, keys[r.BaseId], r.Document, r.Heading, r.Text, t.Score,
                lexicalScores.TryGetValue(t.Id, out var l) ? l : null, vectorScores is not null && vectorScores.TryGetValue(t.Id, out var v) ? v : null);
        }).ToList();
        return new SearchResult(query, vector is null ? SearchModes.Lexical : SearchModes.Hybrid, chunks);
    }

    /// <summary>Reciprocal rank fusion of two rankings, best first (ties broken by id, so the order is stable).</summary>
    public static List<(long Id, double Score)> Fuse(IReadOnlyList<ScoredChunk> lexical, IReadOnlyList<ScoredChunk> vector)
    {
        var scores = new Dictionary<long, double>();
        foreach (var ranking in new[] { lexical, vector })
        {
            for (var rank = 0; rank < ranking.Count; rank++)
                scores[ranking[rank].Id] = scores.GetValueOrDefault(ranking[rank].Id) + 1.0 / (FusionK + rank + 1);
        }
        return [.. scores.OrderByDescending(s => s.Value).ThenBy(s => s.Key).Select(s => (s.Key, s.Value))];
    }

    /// <summary>
    /// The chunks nearest the query by cosine similarity, from the bases that have an embeddings model (each base's
    /// chunks compared with the query embedded by that base's model); null when no base has one.
    /// Compared in memory: a knowledge base of tens of thousands of chunks is read in well under a second; a vector index
    /// (sqlite-vec, pgvector) is the step after that, when a tenant needs it.
    /// </summary>
    private async Task<List<ScoredChunk>?> VectorSearchAsync(AiDbContext db, long tenant, IReadOnlyList<KnowledgeBaseRecord> bases, string query, int limit,
        ICollection<CallAttempt> spent, CancellationToken ct)
    {
        var byModel = bases.Where(b => b.EmbeddingModel is not null).GroupBy(b => b.EmbeddingModel!).ToList();
        if (byModel.Count == 0) return null;
        var found = new List<ScoredChunk>();
        foreach (var group in byModel)
        {
            var (resolved, _) = await links.ResolveAsync(db, tenant, [group.Key], ct);
            if (resolved.Count == 0) continue;
            float[] asked;
            try
            {
                var (vectors, call) = await chain.EmbedCostedAsync(tenant, resolved[0], [query], ct);
                spent.Add(call);
                asked = vectors[0];
            }
            catch (Weft.Platform.Errors.WeftException)
            {
                continue; // the words still find what they can
            }
            var ids = group.Select(b => b.Id).ToList();
            var model = group.Key;
            var stored = await db.Chunks.AsNoTracking()
                .Where(c => ids.Contains(c.BaseId) && c.Embedding != null)
                .Join(db.Documents.AsNoTracking().Where(d => d.EmbeddingModel == model), c => c.DocumentId, d => d.Id, (c, d) => new { c.Id, c.Embedding })
                .ToListAsync(ct);
            foreach (var s in stored)
                found.Add(new ScoredChunk(s.Id, Vectors.Cosine(asked, MemoryMarshal.Cast<byte, float>(s.Embedding!))));
        }
        return [.. found.OrderByDescending(f => f.Score).ThenBy(f => f.Id).Take(limit)];
    }
}
