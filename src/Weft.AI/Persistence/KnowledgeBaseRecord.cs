using Weft.Platform.Persistence;
using Weft.Platform.Tenancy;

namespace Weft.AI.Persistence;

/// <summary>A tenant's collection of documents that AI agents answer from.</summary>
internal sealed class KnowledgeBaseRecord : ITenantOwned, IVersioned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    /// <summary>The catalogue's embeddings model its chunks are embedded with; null: lexical search only.</summary>
    public string? EmbeddingModel { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }
}
