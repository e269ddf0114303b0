using Microsoft.EntityFrameworkCore;
using Weft.Platform.Persistence;
using Weft.Platform.Tenancy;

namespace Weft.Market.Persistence;

/// <summary>
/// What a supplier shows in the directory beside its organization: ports, incoterms, capacity, lead time, and the rating
/// its reviews give it (null until reviewed). Lists are kept as comma-separated keys. One per supplier organization.
/// </summary>
internal sealed class SupplierProfileRecord : ITenantOwned, IVersioned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long OrganizationId { get; set; }
    public string? Headline { get; set; }
    public string Ports { get; set; } = "";
    public string Incoterms { get; set; } = "";
    /// <summary>Tonnes a year, all products together.</summary>
    public int? AnnualCapacityTonnes { get; set; }
    public int? LeadTimeDays { get; set; }
    public int? MinOrderTonnes { get; set; }
    /// <summary>Why the badge was last taken away (an expired certificate), and when; cleared when it is given again.</summary>
    public string? BadgeNote { get; set; }
    public DateTime? BadgeRemovedAt { get; set; }
    /// <summary>The certificate watch job waiting for the earliest expiry, and that expiry.</summary>
    public long? WatchJobId { get; set; }
    public DateTime? WatchUntil { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }

    public static void Build(ModelBuilder b) => b.Entity<SupplierProfileRecord>(e =>
    {
        e.ToTable("market_supplier_profiles");
        e.HasIndex(x => new { x.TenantId, x.OrganizationId }).IsUnique();
        e.Property(x => x.Headline).HasMaxLength(300);
        e.Property(x => x.Ports).HasMaxLength(1000);
        e.Property(x => x.Incoterms).HasMaxLength(200);
        e.Property(x => x.BadgeNote).HasMaxLength(500);
    });
}
