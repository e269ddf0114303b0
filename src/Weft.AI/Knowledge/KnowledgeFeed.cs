using System.Text;
using Microsoft.EntityFrameworkCore;
using Weft.AI.Contracts;
using Weft.AI.Persistence;
using Weft.Platform.Audit;
using Weft.Platform.Persistence;

namespace Weft.AI.Knowledge;

/// <summary>Keeps another module's documents in a knowledge base through the same upload and delete as an admin's.</summary>
internal sealed class KnowledgeFeed(AiDb data, KnowledgeDocuments documents) : IKnowledgeFeed
{
    private const string Actor = "system";

    public async Task PutAsync(UnitOfWork unit, string baseKey, string baseName, string documentName, string markdown, CancellationToken ct = default)
    {
        var db = await data.JoinAsync(unit, ct);
        if (!await db.KnowledgeBases.AnyAsync(b => b.Key == baseKey, ct))
        {
            var row = new KnowledgeBaseRecord
            {
                Key = baseKey, Name = baseName, Description = $"Kept by Weft from {baseName}: edit the articles there.", EmbeddingModel = null,
                CreatedAt = data.Now, UpdatedAt = data.Now,
            };
            db.KnowledgeBases.Add(row);
            db.Publish(new AuditRecorded("ai_knowledge_base_created", data.Now, Actor, AuditRecorded.DataOf(new { knowledgeBase = baseKey, row.Name })),
                AuditRecorded.Stream);
            await db.SaveChangesAsync(ct);
        }
        await documents.UploadAsync(unit, Actor, baseKey, documentName, "text/markdown", Encoding.UTF8.GetBytes(markdown), ct);
    }

    public Task RemoveAsync(UnitOfWork unit, string baseKey, string documentName, CancellationToken ct = default) =>
        documents.DeleteAsync(unit, Actor, baseKey, documentName, ct);
}
