using Microsoft.EntityFrameworkCore;
using Weft.Platform.Persistence;
using Weft.Platform.Tenancy;

namespace Weft.Market.Persistence;

/// <summary>
/// A live auction: reverse (a buyer buys, prices fall) or forward (a supplier sells, prices rise), English or sealed.
/// Its bids are ordered by <see cref="LastSequence"/> under a lock on this row; its close is the engine's timer
/// (job <see cref="JobId"/> waits until the <c>endsAt</c> of its data, which late bids move).
/// </summary>
internal sealed class AuctionRecord : ITenantOwned, IVersioned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public string Number { get; set; } = "";
    public string Title { get; set; } = "";
    public long OwnerOrganization { get; set; }
    public string Kind { get; set; } = "";
    public string Format { get; set; } = "";
    public string Material { get; set; } = "";
    public string? Specification { get; set; }
    public decimal Quantity { get; set; }
    public string Unit { get; set; } = "";
    public string Currency { get; set; } = "";
    public decimal StartingPrice { get; set; }
    public decimal? StepAmount { get; set; }
    public decimal? StepPercent { get; set; }
    public decimal? ReservePrice { get; set; }
    public int ExtendWithinSeconds { get; set; }
    public int ExtendBySeconds { get; set; }
    public string BidderView { get; set; } = "";
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }
    public DateTime ScheduledEndsAt { get; set; }
    public int Extensions { get; set; }
    public string Status { get; set; } = "";
    public long? JobId { get; set; }
    public long LastSequence { get; set; }
    public int BidCount { get; set; }
    /// <summary>The best accepted price of an English auction (its ladder's top); null before the first bid and for sealed auctions.</summary>
    public decimal? BestPrice { get; set; }
    public string? Outcome { get; set; }
    public long? WinnerOrganization { get; set; }
    public long? WinningBidId { get; set; }
    public decimal? ClearingPrice { get; set; }
    public DateTime? ClosedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }

    public static void Build(ModelBuilder b) => b.Entity<AuctionRecord>(e =>
    {
        e.ToTable("market_auctions");
        e.HasIndex(x => new { x.TenantId, x.Number }).IsUnique();
        e.HasIndex(x => new { x.TenantId, x.OwnerOrganization });
        e.HasIndex(x => new { x.TenantId, x.Status, x.EndsAt });
        e.Property(x => x.Number).HasMaxLength(32);
        e.Property(x => x.Title).HasMaxLength(200);
        e.Property(x => x.Kind).HasMaxLength(16);
        e.Property(x => x.Format).HasMaxLength(32);
        e.Property(x => x.Material).HasMaxLength(100);
        e.Property(x => x.Specification).HasMaxLength(2000);
        e.Property(x => x.Unit).HasMaxLength(16);
        e.Property(x => x.Currency).HasMaxLength(3);
        e.Property(x => x.BidderView).HasMaxLength(16);
        e.Property(x => x.Status).HasMaxLength(16);
        e.Property(x => x.Outcome).HasMaxLength(32);
        e.Property(x => x.CreatedBy).HasMaxLength(200);
        foreach (var money in new[] { nameof(StartingPrice), nameof(StepAmount), nameof(ReservePrice), nameof(BestPrice), nameof(ClearingPrice), nameof(Quantity) })
            e.Property(money).HasPrecision(18, 4);
        e.Property(x => x.StepPercent).HasPrecision(9, 4);
    });
}

/// <summary>An organization invited to bid in an auction (the owner's is denormalised, so visibility reads one row).</summary>
internal sealed class AuctionParticipantRecord : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long AuctionId { get; set; }
    public long OrganizationId { get; set; }
    public long OwnerOrganization { get; set; }

    public static void Build(ModelBuilder b) => b.Entity<AuctionParticipantRecord>(e =>
    {
        e.ToTable("market_auction_participants");
        e.HasIndex(x => new { x.TenantId, x.AuctionId, x.OrganizationId }).IsUnique();
        e.HasIndex(x => new { x.TenantId, x.OrganizationId });
    });
}

/// <summary>
/// An accepted bid: refused bids are never written. <see cref="Sequence"/> is its place in the auction's arrival order
/// (gapless, given under the auction's lock); <see cref="Revealed"/> is false for a sealed bid until its auction closes,
/// and then nobody but its bidder sees it (<see cref="Visibility.MarketVisibility"/>).
/// </summary>
internal sealed class BidRecord : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long AuctionId { get; set; }
    public long Sequence { get; set; }
    public long BidderOrganization { get; set; }
    public long OwnerOrganization { get; set; }
    public long BidderUserId { get; set; }
    public string BidderName { get; set; } = "";
    public decimal Price { get; set; }
    public bool Revealed { get; set; }
    /// <summary>A sealed bid replaced by a later one of the same bidder (only the latest counts at the close).</summary>
    public bool Replaced { get; set; }
    public DateTime PlacedAt { get; set; }

    public static void Build(ModelBuilder b) => b.Entity<BidRecord>(e =>
    {
        e.ToTable("market_bids");
        e.HasIndex(x => new { x.TenantId, x.AuctionId, x.Sequence }).IsUnique();
        e.HasIndex(x => new { x.TenantId, x.AuctionId, x.BidderOrganization });
        e.Property(x => x.BidderName).HasMaxLength(200);
        e.Property(x => x.Price).HasPrecision(18, 4);
    });
}
