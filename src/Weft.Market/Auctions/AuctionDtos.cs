namespace Weft.Market.Auctions;

public sealed record CreateAuctionRequest(
    string? Title, string? Kind, string? Format, string? Material, string? Specification, decimal? Quantity, string? Unit, string? Currency,
    decimal? StartingPrice, decimal? StepAmount, decimal? StepPercent, decimal? ReservePrice, int? ExtendWithinSeconds, int? ExtendBySeconds,
    string? BidderView, DateTime? StartsAt, DateTime? EndsAt, IReadOnlyList<long>? Participants);

public sealed record PlaceBidRequest(decimal? Price);

/// <summary>
/// An auction as its viewer may see it. <see cref="BestPrice"/> is shown to the owner and staff, and to bidders when the
/// auction shows the best price; sealed prices appear only after the close. <see cref="ServerNow"/> is the clock the
/// countdown runs on.
/// </summary>
public sealed record AuctionDto(
    long Id, string Number, string Title, long OwnerOrganization, string OwnerName, string Kind, string Format, string Material, string? Specification,
    decimal Quantity, string Unit, string Currency, decimal StartingPrice, decimal? StepAmount, decimal? StepPercent, decimal? ReservePrice,
    int ExtendWithinSeconds, int ExtendBySeconds, string BidderView, DateTime StartsAt, DateTime EndsAt, DateTime ScheduledEndsAt, int Extensions,
    string Status, DateTime ServerNow, int BidCount, long LastSequence, decimal? BestPrice, AuctionMineDto? Mine, string? Outcome, long? WinnerOrganization,
    string? WinnerName, decimal? ClearingPrice, DateTime? ClosedAt, IReadOnlyList<ParticipantDto> Participants, bool CanBid, int Version);

/// <summary>The viewing bidder's own standing: their best bid and their rank among the bidders (1 is best).</summary>
public sealed record AuctionMineDto(decimal? BestBid, int? Rank, int Bidders);

public sealed record ParticipantDto(long Organization, string Name);

public sealed record BidDto(long Id, long Auction, long Sequence, long Bidder, string BidderName, decimal Price, DateTime PlacedAt, bool Revealed);

/// <summary>What placing a bid answers: the bid, the bidder's rank, and the auction's end (moved when the bid came late).</summary>
public sealed record PlacedBidDto(BidDto Bid, int? Rank, DateTime EndsAt, bool Extended, long Sequence);
