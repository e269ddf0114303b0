using Weft.Platform.Tenancy;

namespace Weft.AI.Persistence;

/// <summary>A file uploaded to a knowledge base; its text lives in its chunks. A name is unique in its base: uploading it again replaces it.</summary>
internal sealed class DocumentRecord : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long BaseId { get; set; }
    /// <summary>The uploaded file's name.</summary>
    public string Name { get; set; } = "";
    public string Title { get; set; } = "";
    /// <summary>The type it was read as (<c>text</c>, <c>markdown</c>, <c>html</c>, <c>pdf</c>, <c>docx</c>).</summary>
    public string Type { get; set; } = "";
    public long Bytes { get; set; }
    /// <summary>SHA-256 of the file, hex: uploading the same file again changes nothing.</summary>
    public string Sha256 { get; set; } = "";
    public int Chunks { get; set; }
    public int Characters { get; set; }
    /// <summary>The embeddings model its chunks were embedded with, or null when they were not.</summary>
    public string? EmbeddingModel { get; set; }
    public string? UploadedBy { get; set; }
    public DateTime UploadedAt { get; set; }
    /// <summary>How many times it was uploaded (1 first, then each replacement).</summary>
    public int Revision { get; set; }
}
