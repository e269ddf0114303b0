using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Weft.AI.Knowledge.Documents;
using Weft.AI.Persistence;
using Weft.AI.Runs;
using Weft.Platform.Audit;
using Weft.Platform.Errors;

namespace Weft.AI.Knowledge;

/// <summary>
/// Documents of a knowledge base: an upload is read, cut into chunks and (when the base has an embeddings model)
/// embedded before anything is written, then written in one transaction, so a failed upload changes nothing and a
/// replaced document never shows half its old and half its new text.
/// </summary>
internal sealed class KnowledgeDocuments(AiDb data, ModelChain chain, ModelLinks links)
{
    /// <summary>Texts sent to the embeddings model per call.</summary>
    public const int EmbeddingBatch = 64;

    public async Task<UploadResult> UploadAsync(long tenant, string? actor, string baseKey, string fileName, string? contentType, ReadOnlyMemory<byte> content,
        CancellationToken ct = default)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/')).Trim();
        if (name.Length is 0 or > 255)
            throw FieldErrors.Of("file", "The file needs a name of 1-255 characters.");
        var extracted = DocumentText.Extract(name, contentType, content);
        var type = DocumentTypes.Of(name, contentType)!.Value;
        var chunks = Chunking.Split(extracted);
        var sha = Convert.ToHexStringLower(SHA256.HashData(content.Span));

        KnowledgeBaseRecord knowledgeBase;
        IReadOnlyList<float[]>? vectors = null;
        var spent = new List<CallAttempt>();
        await using (var db = await data.OpenAsync(tenant, ct))
        {
            knowledgeBase = await db.KnowledgeBases.AsNoTracking().FirstOrDefaultAsync(b => b.Key == baseKey, ct) ?? throw KnowledgeRules.NotFound(baseKey);
            var same = await db.Documents.AsNoTracking()
                .FirstOrDefaultAsync(d => d.BaseId == knowledgeBase.Id && d.Name == name && d.Sha256 == sha && d.EmbeddingModel == knowledgeBase.EmbeddingModel, ct);
            if (same is not null) return new UploadResult(UploadOutcomes.Unchanged, same.ToDto(baseKey));
            if (knowledgeBase.EmbeddingModel is { } model) vectors = await EmbedAsync(db, tenant, model, chunks, spent, ct);
        }

        return await data.ChangeAsync(tenant, async db =>
        {
            var existing = await db.Documents.FirstOrDefaultAsync(d => d.BaseId == knowledgeBase.Id && d.Name == name, ct);
            var document = existing ?? new DocumentRecord { BaseId = knowledgeBase.Id, Name = name };
            if (existing is not null) await db.Chunks.Where(c => c.DocumentId == existing.Id).ExecuteDeleteAsync(ct);
            else db.Documents.Add(document);
            document.Title = Cut(extracted.Title, 500);
            document.Type = TypeName(type);
            document.Bytes = content.Length;
            document.Sha256 = sha;
            document.Chunks = chunks.Count;
            document.Characters = chunks.Sum(c => c.Text.Length);
            document.EmbeddingModel = vectors is null ? null : knowledgeBase.EmbeddingModel;
            document.UploadedBy = actor;
            document.UploadedAt = data.Now;
            document.Revision = (existing?.Revision ?? 0) + 1;
            Spending.Add(db, Spending.KnowledgeSubject(baseKey), data.Now, spent);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            for (var i = 0; i < chunks.Count; i++)
            {
                db.Chunks.Add(new ChunkRecord
                {
                    BaseId = knowledgeBase.Id, DocumentId = document.Id, Sequence = chunks[i].Sequence, Heading = Cut(chunks[i].Heading, 1000),
                    Text = chunks[i].Text, Embedding = vectors is null ? null : Vectors.Pack(vectors[i]),
                });
            }
            db.Publish(new AuditRecorded(existing is null ? "ai_document_uploaded" : "ai_document_replaced", data.Now, actor ?? "system",
                AuditRecorded.DataOf(new { knowledgeBase = baseKey, document = name, sha256 = sha, chunks = chunks.Count })), AuditRecorded.Stream);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            return new UploadResult(existing is null ? UploadOutcomes.Created : UploadOutcomes.Replaced, document.ToDto(baseKey));
        }, ct);
    }

    public async Task<IReadOnlyList<DocumentDto>> ListAsync(long tenant, string baseKey, CancellationToken ct = default)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        var knowledgeBase = await db.KnowledgeBases.AsNoTracking().FirstOrDefaultAsync(b => b.Key == baseKey, ct) ?? throw KnowledgeRules.NotFound(baseKey);
        var rows = await db.Documents.AsNoTracking().Where(d => d.BaseId == knowledgeBase.Id).OrderBy(d => d.Name).ToListAsync(ct);
        return [.. rows.Select(d => d.ToDto(baseKey))];
    }

    public async Task<DocumentDetailDto> GetAsync(long tenant, string baseKey, long id, CancellationToken ct = default)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        var knowledgeBase = await db.KnowledgeBases.AsNoTracking().FirstOrDefaultAsync(b => b.Key == baseKey, ct) ?? throw KnowledgeRules.NotFound(baseKey);
        var document = await db.Documents.AsNoTracking().FirstOrDefaultAsync(d => d.BaseId == knowledgeBase.Id && d.Id == id, ct)
            ?? throw KnowledgeRules.DocumentNotFound(baseKey, id);
        var chunks = await db.Chunks.AsNoTracking().Where(c => c.DocumentId == id).OrderBy(c => c.Sequence)
            .Select(c => new ChunkDto(c.Id, c.Sequence, c.Heading, c.Text, c.Embedding != null)).ToListAsync(ct);
        return new DocumentDetailDto(document.ToDto(baseKey), chunks);
    }

    /// <summary>Deletes a document and its chunks: the indexes follow the chunks, so nothing of it is found again.</summary>
    public Task DeleteAsync(long tenant, string actor, string baseKey, long id, CancellationToken ct = default) =>
        data.ChangeAsync(tenant, async db =>
        {
            var knowledgeBase = await db.KnowledgeBases.AsNoTracking().FirstOrDefaultAsync(b => b.Key == baseKey, ct) ?? throw KnowledgeRules.NotFound(baseKey);
            var document = await db.Documents.FirstOrDefaultAsync(d => d.BaseId == knowledgeBase.Id && d.Id == id, ct)
                ?? throw KnowledgeRules.DocumentNotFound(baseKey, id);
            await db.Chunks.Where(c => c.DocumentId == id).ExecuteDeleteAsync(ct);
            db.Documents.Remove(document);
            db.Publish(new AuditRecorded("ai_document_deleted", data.Now, actor, AuditRecorded.DataOf(new { knowledgeBase = baseKey, document = document.Name })),
                AuditRecorded.Stream);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);

    private async Task<IReadOnlyList<float[]>> EmbedAsync(AiDbContext db, long tenant, string model, IReadOnlyList<DocumentChunk> chunks,
        List<CallAttempt> spent, CancellationToken ct)
    {
        var (resolved, missing) = await links.ResolveAsync(db, tenant, [model], ct);
        if (resolved.Count == 0)
            throw WeftException.Rule("embedding_model_unavailable",
                $"The knowledge base embeds with '{model}', but {string.Join("; ", missing)}; add its provider, or choose another embeddings model for the base.");
        var vectors = new List<float[]>(chunks.Count);
        // A chunk is embedded with its heading: "Refunds › Cards" says what a short chunk is about.
        foreach (var batch in chunks.Chunk(EmbeddingBatch))
        {
            var (embedded, call) = await chain.EmbedCostedAsync(tenant, resolved[0], [.. batch.Select(c => c.Heading.Length > 0 ? $"{c.Heading}\n\n{c.Text}" : c.Text)], ct);
            vectors.AddRange(embedded);
            spent.Add(call);
        }
        return vectors;
    }

    private static string TypeName(DocumentType type) => type switch
    {
        DocumentType.PlainText => "text",
        DocumentType.Markdown => "markdown",
        DocumentType.Html => "html",
        DocumentType.Pdf => "pdf",
        DocumentType.Word => "docx",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];
}
