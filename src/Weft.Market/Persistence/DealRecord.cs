using Microsoft.EntityFrameworkCore;
using Weft.Platform.Persistence;
using Weft.Platform.Tenancy;

namespace Weft.Market.Persistence;

/// <summary>
/// What an award makes between one buyer and one supplier: an RFQ's awarded lines to one supplier, or an auction's win.
/// The buyer (or the staff) marks it delivered; then each side may review the other once (<see cref="ReviewRecord"/>).
/// Contracts, escrow and payments hang off a deal when they come.
/// </summary>
internal sealed class DealRecord : ITenantOwned, IVersioned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public string Number { get; set; } = "";
    public long BuyerOrganizationId { get; set; }
    public long SupplierOrganizationId { get; set; }
    /// <summary><c>rfq</c> or <c>auction</c> (<see cref="Deals.DealSources"/>).</summary>
    public string Source { get; set; } = "";
    public long SourceId { get; set; }
    /// <summary>The RFQ's or auction's number (RFQ-00001, AUC-00001).</summary>
    public string SourceNumber { get; set; } = "";
    public string Title { get; set; } = "";
    /// <summary>What the deal is worth at the awarded prices, in <see cref="Currency"/>.</summary>
    public decimal Value { get; set; }
    public string Currency { get; set; } = "";
    public string State { get; set; } = "";
    public DateTime AwardedAt { get; set; }
    public DateTime? DeliveredAt { get; set; }
    public string? DeliveredBy { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }

    public static void Build(ModelBuilder b) => b.Entity<DealRecord>(e =>
    {
        e.ToTable("market_deals");
        e.HasIndex(x => new { x.TenantId, x.Number }).IsUnique();
        e.HasIndex(x => new { x.TenantId, x.Source, x.SourceId, x.SupplierOrganizationId }).IsUnique();
        e.HasIndex(x => new { x.TenantId, x.BuyerOrganizationId, x.Id });
        e.HasIndex(x => new { x.TenantId, x.SupplierOrganizationId, x.Id });
        e.Property(x => x.Number).HasMaxLength(32);
        e.Property(x => x.Source).HasMaxLength(16);
        e.Property(x => x.SourceNumber).HasMaxLength(32);
        e.Property(x => x.Title).HasMaxLength(200);
        e.Property(x => x.Value).HasPrecision(20, 4);
        e.Property(x => x.Currency).HasMaxLength(3);
        e.Property(x => x.State).HasMaxLength(16);
        e.Property(x => x.DeliveredBy).HasMaxLength(200);
    });
}

/// <summary>
/// One side's review of the other after a delivered deal: quality, on-time and communication from 1 to 5, and a comment.
/// Reviews are the directory's: every member of the marketplace reads them; each feeds its subject's rating.
/// </summary>
internal sealed class ReviewRecord : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long DealId { get; set; }
    public long ReviewerOrganizationId { get; set; }
    public long SubjectOrganizationId { get; set; }
    public int Quality { get; set; }
    public int OnTime { get; set; }
    public int Communication { get; set; }
    public string Comment { get; set; } = "";
    public long ReviewerUserId { get; set; }
    public string ReviewerName { get; set; } = "";
    public DateTime CreatedAt { get; set; }

    public static void Build(ModelBuilder b) => b.Entity<ReviewRecord>(e =>
    {
        e.ToTable("market_reviews");
        e.HasIndex(x => new { x.TenantId, x.DealId, x.ReviewerOrganizationId }).IsUnique();
        e.HasIndex(x => new { x.TenantId, x.SubjectOrganizationId, x.Id });
        e.Property(x => x.Comment).HasMaxLength(2000);
        e.Property(x => x.ReviewerName).HasMaxLength(200);
    });
}
