namespace Weft.Market.Deals;

/// <summary>Where a deal came from.</summary>
public static class DealSources
{
    public const string Rfq = "rfq";
    public const string Auction = "auction";
}

/// <summary>A deal's life: awarded, then delivered (confirmed by the buyer or the staff), which opens the reviews.</summary>
public static class DealStates
{
    public const string Awarded = "awarded";
    public const string Delivered = "delivered";

    public static IReadOnlyList<string> All { get; } = [Awarded, Delivered];
}

public sealed record DealPartyDto(long Id, string Name, string Country, double? RatingAverage, int RatingCount);

public sealed record DealLineDto(string Material, string? Grade, decimal Quantity, string Unit, decimal Price);

public sealed record DealSummaryDto(
    long Id, string Number, string Source, long SourceId, string SourceNumber, string Title, DealPartyDto Buyer, DealPartyDto Supplier,
    decimal Value, string Currency, string State, DateTime AwardedAt, DateTime? DeliveredAt);

/// <summary>
/// A deal as one of its parties (or the staff) sees it: its lines, both sides' reviews, and what the caller may do next
/// (<see cref="CanConfirmDelivery"/>, <see cref="CanReview"/>, and until when reviews are taken).
/// </summary>
public sealed record DealDto(
    long Id, string Number, string Source, long SourceId, string SourceNumber, string Title, DealPartyDto Buyer, DealPartyDto Supplier,
    decimal Value, string Currency, string State, DateTime AwardedAt, DateTime? DeliveredAt, string? DeliveredBy,
    IReadOnlyList<DealLineDto> Lines, IReadOnlyList<ReviewDto> Reviews, bool CanConfirmDelivery, bool CanReview, DateTime? ReviewsCloseAt);

public sealed record ReviewRequest(int? Quality, int? OnTime, int? Communication, string? Comment);

/// <summary>
/// One organization's review of another after a delivered deal. <see cref="Score"/> is the mean of its three scores, which
/// is what the subject's rating averages.
/// </summary>
public sealed record ReviewDto(
    long Id, long Deal, long Reviewer, string ReviewerName, string ReviewerKind, long Subject, string SubjectName,
    int Quality, int OnTime, int Communication, double Score, string Comment, DateTime CreatedAt);

/// <summary>An organization's rating (the mean of its reviews' scores) and each score's mean, with its newest reviews.</summary>
public sealed record RatingDto(
    long Organization, string Name, double? Average, int Count, double? Quality, double? OnTime, double? Communication, IReadOnlyList<ReviewDto> Reviews, string? NextCursor);
