using System.Text;
using Microsoft.EntityFrameworkCore;
using Weft.AI.Persistence;

namespace Weft.AI.Knowledge;

/// <summary>
/// Finds chunks by their words: SQLite's FTS5 ranked by bm25 (a heading's words count twice a body's), PostgreSQL's
/// full-text search ranked by ts_rank (headings weighted A, bodies B). A query matches chunks holding any of its words,
/// so a question phrased unlike the text still finds it; the ranking puts those holding more, and rarer, words first.
/// </summary>
internal static class LexicalSearch
{
    /// <summary>Words too common to tell chunks apart; dropped so they neither match nor cost a lookup.</summary>
    private static readonly HashSet<string> Common = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "can", "could", "did", "do", "does", "for", "from", "had", "has", "have",
        "how", "i", "if", "in", "into", "is", "it", "its", "me", "my", "of", "on", "or", "our", "so", "that", "the", "their", "then",
        "there", "these", "this", "to", "was", "we", "were", "what", "when", "where", "which", "who", "why", "will", "with", "would",
        "you", "your", "im", "ive", "dont",
    };

    public const int MaxTerms = 32;

    /// <summary>The query's words (letters and digits), lower case, each once, common words left out.</summary>
    public static IReadOnlyList<string> Terms(string query)
    {
        var terms = new List<string>();
        var word = new StringBuilder();
        foreach (var c in query.Normalize(NormalizationForm.FormKC) + " ")
        {
            if (char.IsLetterOrDigit(c)) { word.Append(char.ToLowerInvariant(c)); continue; }
            if (c == '\'' ) continue; // "don't" is one word
            if (word.Length > 0)
            {
                var w = word.ToString();
                word.Clear();
                if (!Common.Contains(w) && !terms.Contains(w)) terms.Add(w);
            }
        }
        return terms.Count > MaxTerms ? terms[..MaxTerms] : terms;
    }

    public static async Task<List<ScoredChunk>> SearchAsync(AiDbContext db, long tenant, IReadOnlyList<long> bases, string query, int limit,
        CancellationToken ct)
    {
        var terms = Terms(query);
        if (terms.Count == 0 || bases.Count == 0) return [];
        var ids = bases.ToArray();
        if (db.IsPostgres)
        {
            var tsQuery = string.Join(" | ", terms.Select(t => $"'{t}'"));
            return await db.Database.SqlQuery<ScoredChunk>($"""
                SELECT c.id AS "Id", ts_rank(c.search, q.query)::float8 AS "Score"
                FROM ai_chunks c, to_tsquery('english', {tsQuery}) AS q(query)
                WHERE c.tenant_id = {tenant} AND c.base_id = ANY({ids}) AND c.search @@ q.query
                ORDER BY 2 DESC, c.id
                LIMIT {limit}
                """).ToListAsync(ct);
        }
        var match = string.Join(" OR ", terms.Select(t => $"\"{t}\""));
        var inBases = System.Text.Json.JsonSerializer.Serialize(ids);
        return await db.Database.SqlQuery<ScoredChunk>($"""
            SELECT c.id AS "Id", -bm25(ai_chunks_fts, 2.0, 1.0) AS "Score"
            FROM ai_chunks_fts JOIN ai_chunks c ON c.id = ai_chunks_fts.rowid
            WHERE ai_chunks_fts MATCH {match} AND c.tenant_id = {tenant} AND c.base_id IN (SELECT value FROM json_each({inBases}))
            ORDER BY bm25(ai_chunks_fts, 2.0, 1.0), c.id
            LIMIT {limit}
            """).ToListAsync(ct);
    }
}

/// <summary>A chunk's id and how well it matched; higher is better.</summary>
internal sealed record ScoredChunk(long Id, double Score);
