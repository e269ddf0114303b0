using Weft.Platform.Tenancy;

namespace Weft.AI.Persistence;

/// <summary>
/// A piece of a document under one heading path. The lexical index follows these rows by itself (an FTS5 table kept by
/// triggers on SQLite, a generated tsvector column on PostgreSQL), so deleting a chunk removes it from every index.
/// </summary>
internal sealed class ChunkRecord : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long BaseId { get; set; }
    public long DocumentId { get; set; }
    /// <summary>Its place in the document, from 1.</summary>
    public int Sequence { get; set; }
    /// <summary>The heading path above it, joined with " › ".</summary>
    public string Heading { get; set; } = "";
    public string Text { get; set; } = "";
    /// <summary>Its vector (float32, little-endian) from the base's embeddings model, or null.</summary>
    public byte[]? Embedding { get; set; }
}
