using Microsoft.EntityFrameworkCore;
using Weft.Platform.Tenancy;

namespace Weft.Market.Persistence;

/// <summary>One grade of one material a supplier sells, with its specification (purity, particle size, moisture, impurity limits).</summary>
internal sealed class SupplierProductRecord : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long OrganizationId { get; set; }
    public string Material { get; set; } = "";
    public string Grade { get; set; } = "";
    /// <summary>Assay in percent: Li2CO3 or LiOH content, or Li2O for a concentrate.</summary>
    public decimal Purity { get; set; }
    public decimal? ParticleSizeD50Microns { get; set; }
    public decimal? MoisturePercent { get; set; }
    /// <summary>Impurity limits in ppm by element, as JSON (<c>{"Na":250,"Fe":10}</c>).</summary>
    public string ImpuritiesJson { get; set; } = "{}";
    public int? AnnualCapacityTonnes { get; set; }
    public DateTime CreatedAt { get; set; }

    public static void Build(ModelBuilder b) => b.Entity<SupplierProductRecord>(e =>
    {
        e.ToTable("market_supplier_products");
        e.HasIndex(x => new { x.TenantId, x.OrganizationId });
        e.HasIndex(x => new { x.TenantId, x.Material, x.Grade });
        e.Property(x => x.Material).HasMaxLength(40);
        e.Property(x => x.Grade).HasMaxLength(40);
        e.Property(x => x.Purity).HasPrecision(7, 3);
        e.Property(x => x.ParticleSizeD50Microns).HasPrecision(9, 2);
        e.Property(x => x.MoisturePercent).HasPrecision(7, 3);
        e.Property(x => x.ImpuritiesJson).HasMaxLength(2000);
    });
}
