namespace Weft.AI.Knowledge;

/// <param name="EmbeddingModel">The catalogue's embeddings model its chunks are embedded with, for vector search beside lexical search; null: lexical only.</param>
public sealed record KnowledgeBaseDto(long Id, string Key, string Name, string Description, string? EmbeddingModel, int Documents, int Chunks,
    DateTime CreatedAt, DateTime UpdatedAt, int Version);

/// <param name="EmbeddingModel">An embeddings model of the catalogue; left out, the catalogue's first embeddings model with a provider, if any; empty: lexical only.</param>
public sealed record CreateKnowledgeBaseRequest(string? Key, string? Name, string? Description, string? EmbeddingModel = null);

/// <param name="EmbeddingModel">Another embeddings model; documents uploaded before keep their vectors until uploaded again. Empty: lexical only.</param>
public sealed record UpdateKnowledgeBaseRequest(string? Name, string? Description, string? EmbeddingModel, int? Version);

/// <param name="Type">How it was read: text, markdown, html, pdf or docx.</param>
/// <param name="Revision">1 when first uploaded, then one more with each replacement.</param>
public sealed record DocumentDto(long Id, string Base, string Name, string Title, string Type, long Bytes, string Sha256, int Chunks, int Characters,
    string? EmbeddingModel, string? UploadedBy, DateTime UploadedAt, int Revision);

/// <summary>A document with its chunks, in order.</summary>
public sealed record DocumentDetailDto(DocumentDto Document, IReadOnlyList<ChunkDto> Chunks);

public sealed record ChunkDto(long Id, int Sequence, string Heading, string Text, bool Embedded);

/// <summary>What an upload did: created the document, replaced its earlier text, or found the same file already there.</summary>
/// <param name="Outcome"><c>created</c>, <c>replaced</c> or <c>unchanged</c>.</param>
public sealed record UploadResult(string Outcome, DocumentDto Document);

/// <param name="Query">What to look for (1-2,000 characters).</param>
/// <param name="Limit">How many chunks (1-50, default 5).</param>
public sealed record SearchRequest(string? Query, int? Limit = null);

/// <summary>A chunk found for a query, best first.</summary>
/// <param name="Score">The rank's score: reciprocal rank fusion of the lexical and vector ranks when the base has vectors, else the lexical score; higher is better.</param>
/// <param name="Lexical">Its lexical relevance (bm25 on SQLite, ts_rank on PostgreSQL; higher is better), or null when only the vectors found it.</param>
/// <param name="Vector">Its cosine similarity to the query, or null when the base has no vectors.</param>
public sealed record RetrievedChunk(long ChunkId, long DocumentId, string Base, string Document, string Heading, string Text, double Score,
    double? Lexical, double? Vector);

/// <param name="Mode"><c>lexical</c>, or <c>hybrid</c> when vectors were searched too.</param>
public sealed record SearchResult(string Query, string Mode, IReadOnlyList<RetrievedChunk> Chunks);
