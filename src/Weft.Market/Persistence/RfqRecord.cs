using Microsoft.EntityFrameworkCore;
using Weft.Platform.Persistence;
using Weft.Platform.Tenancy;

namespace Weft.Market.Persistence;

/// <summary>
/// A buyer's request for quotation: what it wants (its <see cref="RfqLineRecord"/>s), where and when, on what terms, and
/// until when suppliers may quote. Its life runs as a flow (<see cref="JobId"/>): reminders, closing at the deadline, the award.
/// </summary>
internal sealed class RfqRecord : ITenantOwned, IVersioned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public string Number { get; set; } = "";
    public long BuyerOrganizationId { get; set; }
    public string Title { get; set; } = "";
    public DateTime DeliveryFrom { get; set; }
    public DateTime DeliveryTo { get; set; }
    /// <summary>The destination port (or place), upper case, as the freight table names it.</summary>
    public string Destination { get; set; } = "";
    public string Incoterm { get; set; } = "";
    public string PaymentTerms { get; set; } = "";
    /// <summary>The attachments' names and addresses, one "name|url" a line.</summary>
    public string Attachments { get; set; } = "";
    /// <summary>Every verified supplier may see and quote, besides the invited ones.</summary>
    public bool OpenToVerified { get; set; }
    public string State { get; set; } = "";
    public DateTime ClosesAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    public DateTime? AwardedAt { get; set; }
    /// <summary>When and why the buyer cancelled the RFQ (before an award); null otherwise.</summary>
    public DateTime? CancelledAt { get; set; }
    public string? CancelReason { get; set; }
    public long? JobId { get; set; }
    public long CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }

    public static void Build(ModelBuilder b) => b.Entity<RfqRecord>(e =>
    {
        e.ToTable("market_rfqs");
        e.HasIndex(x => new { x.TenantId, x.Number }).IsUnique();
        e.HasIndex(x => new { x.TenantId, x.BuyerOrganizationId, x.Id });
        e.HasIndex(x => new { x.TenantId, x.State, x.Id });
        e.Property(x => x.Number).HasMaxLength(32);
        e.Property(x => x.Title).HasMaxLength(200);
        e.Property(x => x.Destination).HasMaxLength(64);
        e.Property(x => x.Incoterm).HasMaxLength(3);
        e.Property(x => x.PaymentTerms).HasMaxLength(400);
        e.Property(x => x.Attachments).HasMaxLength(8000);
        e.Property(x => x.State).HasMaxLength(16);
        e.Property(x => x.CancelReason).HasMaxLength(500);
    });
}

/// <summary>One material an RFQ asks for; the buyer's organization is kept on it, so that what a viewer sees of it reads plainly.</summary>
internal sealed class RfqLineRecord : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long RfqId { get; set; }
    public long BuyerOrganizationId { get; set; }
    public int Number { get; set; }
    public string Material { get; set; } = "";
    public string Grade { get; set; } = "";
    public string Specification { get; set; } = "";
    public decimal Quantity { get; set; }
    public string Unit { get; set; } = "";

    public static void Build(ModelBuilder b) => b.Entity<RfqLineRecord>(e =>
    {
        e.ToTable("market_rfq_lines");
        e.HasIndex(x => new { x.TenantId, x.RfqId, x.Number }).IsUnique();
        e.Property(x => x.Material).HasMaxLength(64);
        e.Property(x => x.Grade).HasMaxLength(100);
        e.Property(x => x.Specification).HasMaxLength(4000);
        e.Property(x => x.Quantity).HasPrecision(18, 4);
        e.Property(x => x.Unit).HasMaxLength(8);
    });
}

/// <summary>A supplier invited to an RFQ: it sees the RFQ and may quote.</summary>
internal sealed class RfqInvitationRecord : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long RfqId { get; set; }
    public long BuyerOrganizationId { get; set; }
    public long SupplierOrganizationId { get; set; }
    public DateTime InvitedAt { get; set; }

    public static void Build(ModelBuilder b) => b.Entity<RfqInvitationRecord>(e =>
    {
        e.ToTable("market_rfq_invitations");
        e.HasIndex(x => new { x.TenantId, x.RfqId, x.SupplierOrganizationId }).IsUnique();
        e.HasIndex(x => new { x.TenantId, x.SupplierOrganizationId });
    });
}

/// <summary>A supplier's question on an RFQ and the buyer's answer, shown to everyone who sees the RFQ without the asker's name.</summary>
internal sealed class RfqQuestionRecord : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long RfqId { get; set; }
    public long BuyerOrganizationId { get; set; }
    public long AskedByOrganizationId { get; set; }
    public string Text { get; set; } = "";
    public string? Answer { get; set; }
    public DateTime AskedAt { get; set; }
    public DateTime? AnsweredAt { get; set; }

    public static void Build(ModelBuilder b) => b.Entity<RfqQuestionRecord>(e =>
    {
        e.ToTable("market_rfq_questions");
        e.HasIndex(x => new { x.TenantId, x.RfqId, x.Id });
        e.Property(x => x.Text).HasMaxLength(2000);
        e.Property(x => x.Answer).HasMaxLength(4000);
    });
}
