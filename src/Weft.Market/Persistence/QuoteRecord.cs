using Microsoft.EntityFrameworkCore;
using Weft.Platform.Persistence;
using Weft.Platform.Tenancy;

namespace Weft.Market.Persistence;

/// <summary>
/// A supplier's quote on an RFQ (one per supplier, replaced while quoting is open): currency, incoterm and origin, validity,
/// lead time, and a price per line (<see cref="QuoteLineRecord"/>). Both organizations are kept on it for what each sees.
/// </summary>
internal sealed class QuoteRecord : ITenantOwned, IVersioned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long RfqId { get; set; }
    public long BuyerOrganizationId { get; set; }
    public long SupplierOrganizationId { get; set; }
    public string Currency { get; set; } = "";
    public string Incoterm { get; set; } = "";
    /// <summary>Where the goods ship from: a port, upper case, as the freight table names it.</summary>
    public string Origin { get; set; } = "";
    public DateTime ValidUntil { get; set; }
    public int LeadTimeDays { get; set; }
    public string? Notes { get; set; }
    public string State { get; set; } = "";
    public long SubmittedBy { get; set; }
    /// <summary>When the supplier first quoted; <see cref="UpdatedAt"/> is when it last replaced the quote.</summary>
    public DateTime SubmittedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }

    public static void Build(ModelBuilder b) => b.Entity<QuoteRecord>(e =>
    {
        e.ToTable("market_quotes");
        e.HasIndex(x => new { x.TenantId, x.RfqId, x.SupplierOrganizationId }).IsUnique();
        e.HasIndex(x => new { x.TenantId, x.SupplierOrganizationId, x.Id });
        e.Property(x => x.Currency).HasMaxLength(3);
        e.Property(x => x.Incoterm).HasMaxLength(3);
        e.Property(x => x.Origin).HasMaxLength(64);
        e.Property(x => x.Notes).HasMaxLength(4000);
        e.Property(x => x.State).HasMaxLength(16);
    });
}

/// <summary>A quote's price for one RFQ line: per unit of the line, for a quantity, with the deviations from its specification.</summary>
internal sealed class QuoteLineRecord : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long QuoteId { get; set; }
    public long RfqId { get; set; }
    public long RfqLineId { get; set; }
    public long BuyerOrganizationId { get; set; }
    public long SupplierOrganizationId { get; set; }
    public decimal Price { get; set; }
    public decimal Quantity { get; set; }
    public string? Deviations { get; set; }

    public static void Build(ModelBuilder b) => b.Entity<QuoteLineRecord>(e =>
    {
        e.ToTable("market_quote_lines");
        e.HasIndex(x => new { x.TenantId, x.QuoteId, x.RfqLineId }).IsUnique();
        e.HasIndex(x => new { x.TenantId, x.RfqId });
        e.Property(x => x.Price).HasPrecision(18, 4);
        e.Property(x => x.Quantity).HasPrecision(18, 4);
        e.Property(x => x.Deviations).HasMaxLength(2000);
    });
}

/// <summary>What the buyer awarded of one RFQ line to one supplier's quote: a line goes whole to one, or split between several.</summary>
internal sealed class AwardRecord : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long RfqId { get; set; }
    public long RfqLineId { get; set; }
    public long QuoteId { get; set; }
    public long BuyerOrganizationId { get; set; }
    public long SupplierOrganizationId { get; set; }
    public decimal Quantity { get; set; }
    public decimal Price { get; set; }
    public string Currency { get; set; } = "";
    /// <summary>The landed cost per unit in the reporting currency when awarded.</summary>
    public decimal? LandedPrice { get; set; }
    public DateTime AwardedAt { get; set; }

    public static void Build(ModelBuilder b) => b.Entity<AwardRecord>(e =>
    {
        e.ToTable("market_rfq_awards");
        e.HasIndex(x => new { x.TenantId, x.RfqId });
        e.HasIndex(x => new { x.TenantId, x.SupplierOrganizationId });
        e.Property(x => x.Quantity).HasPrecision(18, 4);
        e.Property(x => x.Price).HasPrecision(18, 4);
        e.Property(x => x.LandedPrice).HasPrecision(18, 4);
        e.Property(x => x.Currency).HasMaxLength(3);
    });
}
