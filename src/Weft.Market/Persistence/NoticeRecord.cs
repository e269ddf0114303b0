using Microsoft.EntityFrameworkCore;
using Weft.Platform.Tenancy;

namespace Weft.Market.Persistence;

/// <summary>A message to an organization's inbox: invited to an RFQ, reminded of its deadline, awarded, not awarded, a question answered, a deal delivered or reviewed.</summary>
internal sealed class NoticeRecord : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long OrganizationId { get; set; }
    public string Kind { get; set; } = "";
    public long? RfqId { get; set; }
    public long? DealId { get; set; }
    public string Text { get; set; } = "";
    public DateTime CreatedAt { get; set; }

    public static void Build(ModelBuilder b) => b.Entity<NoticeRecord>(e =>
    {
        e.ToTable("market_notices");
        e.HasIndex(x => new { x.TenantId, x.OrganizationId, x.Id });
        e.HasIndex(x => new { x.TenantId, x.RfqId, x.Kind, x.OrganizationId });
        e.Property(x => x.Kind).HasMaxLength(32);
        e.Property(x => x.Text).HasMaxLength(1000);
    });
}

/// <summary>
/// The operator's freight table: what a buyer adds per tonne to a quote shipping from <see cref="Origin"/> to
/// <see cref="Destination"/> on <see cref="Incoterm"/> (freight and insurance for FOB/FCA, also inland for EXW; duties or
/// nothing for CIF/CFR/DAP/DDP), in the reporting currency.
/// </summary>
internal sealed class FreightRateRecord : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public string Origin { get; set; } = "";
    public string Destination { get; set; } = "";
    public string Incoterm { get; set; } = "";
    public decimal PerTonne { get; set; }
    public DateTime UpdatedAt { get; set; }

    public static void Build(ModelBuilder b) => b.Entity<FreightRateRecord>(e =>
    {
        e.ToTable("market_freight_rates");
        e.HasIndex(x => new { x.TenantId, x.Origin, x.Destination, x.Incoterm }).IsUnique();
        e.Property(x => x.Origin).HasMaxLength(64);
        e.Property(x => x.Destination).HasMaxLength(64);
        e.Property(x => x.Incoterm).HasMaxLength(3);
        e.Property(x => x.PerTonne).HasPrecision(18, 4);
    });
}

/// <summary>How many units of the reporting currency one unit of <see cref="Currency"/> is worth, as the operator keeps it.</summary>
internal sealed class CurrencyRateRecord : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public string Currency { get; set; } = "";
    public decimal Rate { get; set; }
    public DateTime UpdatedAt { get; set; }

    public static void Build(ModelBuilder b) => b.Entity<CurrencyRateRecord>(e =>
    {
        e.ToTable("market_currency_rates");
        e.HasIndex(x => new { x.TenantId, x.Currency }).IsUnique();
        e.Property(x => x.Currency).HasMaxLength(3);
        e.Property(x => x.Rate).HasPrecision(18, 8);
    });
}
