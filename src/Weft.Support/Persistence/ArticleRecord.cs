using Microsoft.EntityFrameworkCore;
using Weft.Platform.Persistence;
using Weft.Platform.Tenancy;

namespace Weft.Support.Persistence;

/// <summary>
/// A help center article: written as a draft, published to the tenant's public help center and to the knowledge base
/// the support AI answers from, unpublished back to a draft. Its slug names it in public addresses and in citations.
/// </summary>
internal sealed class ArticleRecord : ITenantOwned, IVersioned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public string Slug { get; set; } = "";
    public string Title { get; set; } = "";
    public string Category { get; set; } = "";
    /// <summary>Markdown (raw HTML in it is shown as text).</summary>
    public string Body { get; set; } = "";
    /// <summary><c>draft</c> or <c>published</c>.</summary>
    public string Status { get; set; } = "";
    public string? UpdatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? PublishedAt { get; set; }
    public int Version { get; set; }

    public static void Build(ModelBuilder b) => b.Entity<ArticleRecord>(e =>
    {
        e.ToTable("support_articles");
        e.HasIndex(x => new { x.TenantId, x.Slug }).IsUnique();
        e.HasIndex(x => new { x.TenantId, x.Status, x.Category });
        e.Property(x => x.Slug).HasMaxLength(100);
        e.Property(x => x.Title).HasMaxLength(200);
        e.Property(x => x.Category).HasMaxLength(80);
        e.Property(x => x.Status).HasMaxLength(16);
        e.Property(x => x.UpdatedBy).HasMaxLength(200);
    });
}
