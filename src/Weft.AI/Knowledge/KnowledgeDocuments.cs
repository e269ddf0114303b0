using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Weft.AI.Knowledge.Documents;
using Weft.AI.Persistence;
using Weft.AI.Runs;
using Weft.Platform.Audit;
using Weft.Platform.Errors;
using Weft.Platform.Persistence;

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
        var upload = Read(baseKey, fileName, contentType, content);
        IReadOnlyList<float[]>? vectors = null;
        var spent = new List<CallAttempt>();
        KnowledgeBaseRecord knowledgeBase;
        await using (var db = await data.OpenAsync(tenant, ct))
        {
            knowledgeBase = await db.KnowledgeBases.AsNoTracking().FirstOrDefaultAsync(b => b.Key == baseKey, ct) ?? throw KnowledgeRules.NotFound(baseKey);
            if (await SameAsync(db, knowledgeBase, upload, ct) is { } same) return same;
            if (knowledgeBase.EmbeddingModel is { } model) vectors = await EmbedAsync(db, tenant, model, upload.Chunks, spent, ct);
        }
        return await data.ChangeAsync(tenant, db => WriteAsync(db, actor, knowledgeBase, upload, vectors, spent, ct), ct);
    }

    /// <summary>
    /// The same upload inside a unit of work another module's command runs (an integration event's delivery): it commits
    /// with that unit. A base with an embeddings model is embedded inside the unit, so the model's call holds the unit open.
    /// </summary>
    public async Task<UploadResult> UploadAsync(UnitOfWork unit, string? actor, string baseKey, string fileName, string? contentType, ReadOnlyMemory<byte> content,
        CancellationToken ct = default)
    {
        var upload = Read(baseKey, fileName, contentType, content);
        var db = await data.JoinAsync(unit, ct);
        var knowledgeBase = await db.KnowledgeBases.AsNoTracking().FirstOrDefaultAsync(b => b.Key == baseKey, ct) ?? throw KnowledgeRules.NotFound(baseKey);
        if (await SameAsync(db, knowledgeBase, upload, ct) is { } same) return same;
        var spent = new List<CallAttempt>();
        var vectors = knowledgeBase.EmbeddingModel is { } model ? await EmbedAsync(db, unit.Tenant, model, upload.Chunks, spent, ct) : null;
        return await WriteAsync(db, actor, knowledgeBase, upload, vectors, spent, ct);
    }

    private static Upload Read(string baseKey, string fileName, string? contentType, ReadOnlyMemory<byte> content)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/')).Trim();
        if (name.Length is 0 or > 255)
            throw FieldErrors.Of("file", "The file needs a name of 1-255 characters.");
        var extracted = DocumentText.Extract(name, contentType, content);
        var type = DocumentTypes.Of(name, contentType)!.Value;
        return new Upload(baseKey, name, extracted.Title, TypeName(type), Chunking.Split(extracted), content.Length,
            Convert.ToHexStringLower(SHA256.HashData(content.Span)));
    }

    private static async Task<UploadResult?> SameAsync(AiDbContext db, KnowledgeBaseRecord knowledgeBase, Upload upload, CancellationToken ct)
    {
        var same = await db.Documents.AsNoTracking().FirstOrDefaultAsync(d => d.BaseId == knowledgeBase.Id && d.Name == upload.Name && d.Sha256 == upload.Sha256
            && d.EmbeddingModel == knowledgeBase.EmbeddingModel, ct);
        return same is null ? null : new UploadResult(UploadOutcomes.Unchanged, same.ToDto(upload.BaseKey));
    }

    private async Task<UploadResult> WriteAsync(AiDbContext db, string? actor, KnowledgeBaseRecord knowledgeBase, Upload upload, IReadOnlyList<float[]>? vectors,
        List<CallAttempt> spent, CancellationToken ct)
    {
        var (baseKey, name, chunks) = (upload.BaseKey, upload.Name, upload.Chunks);
        var existing = await db.Documents.FirstOrDefaultAsync(d => d.BaseId == knowledgeBase.Id && d.Name == name, ct);
        var document = existing ?? new DocumentRecord { BaseId = knowledgeBase.Id, Name = name };
        if (existing is not null) await db.Chunks.Where(c => c.DocumentId == existing.Id).ExecuteDeleteAsync(ct);
        else db.Documents.Add(document);
        document.Title = Cut(upload.Title, 500);
        document.Type = upload.Type;
        document.Bytes = upload.Bytes;
        document.Sha256 = upload.Sha256;
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
            AuditRecorded.DataOf(new { knowledgeBase = baseKey, document = name, sha256 = upload.Sha256, chunks = chunks.Count })), AuditRecorded.Stream);
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
        return new UploadResult(existing is null ? UploadOutcomes.Created : UploadOutcomes.Replaced, document.ToDto(baseKey));
    }

    /// <summary>A file read and cut into chunks, before anything is written.</summary>
    private sealed record Upload(string BaseKey, string Name, string Title, string Type, IReadOnlyList<DocumentChunk> Chunks, long Bytes, string Sha256);

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
            await RemoveAsync(db, actor, baseKey, document, ct);
            return true;
        }, ct);

    /// <summary>Deletes the document named <paramref name="name"/> inside a unit another module's command runs; nothing when it is not there.</summary>
    public async Task<bool> DeleteAsync(UnitOfWork unit, string actor, string baseKey, string name, CancellationToken ct = default)
    {
        var db = await data.JoinAsync(unit, ct);
        var document = await (from d in db.Documents
                              join b in db.KnowledgeBases on d.BaseId equals b.Id
                              where b.Key == baseKey && d.Name == name
                              select d).FirstOrDefaultAsync(ct);
        if (document is null) return false;
        await RemoveAsync(db, actor, baseKey, document, ct);
        return true;
    }

    private async Task RemoveAsync(AiDbContext db, string actor, string baseKey, DocumentRecord document, CancellationToken ct)
    {
        await db.Chunks.Where(c => c.DocumentId == document.Id).ExecuteDeleteAsync(ct);
        db.Documents.Remove(document);
        db.Publish(new AuditRecorded("ai_document_deleted", data.Now, actor, AuditRecorded.DataOf(new { knowledgeBase = baseKey, document = document.Name })),
            AuditRecorded.Stream);
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
    }

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
