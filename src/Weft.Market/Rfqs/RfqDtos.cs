namespace Weft.Market.Rfqs;

public sealed record RfqLineRequest(string? Material, string? Grade, string? Specification, decimal? Quantity, string? Unit);

public sealed record AttachmentRequest(string? Name, string? Url);

public sealed record CreateRfqRequest(
    string? Title, IReadOnlyList<RfqLineRequest?>? Lines, DateTime? DeliveryFrom, DateTime? DeliveryTo, string? Destination, string? Incoterm,
    string? PaymentTerms, IReadOnlyList<AttachmentRequest?>? Attachments, DateTime? ClosesAt, bool? OpenToVerified, IReadOnlyList<long>? Suppliers);

public sealed record InviteRequest(IReadOnlyList<long>? Suppliers);

public sealed record DeadlineRequest(DateTime? ClosesAt);

public sealed record QuestionRequest(string? Text);

/// <summary>Cancelling an RFQ: why (3-500 characters), which every invited or quoting supplier reads.</summary>
public sealed record CancelRfqRequest(string? Reason);

public sealed record AnswerRequest(string? Answer);

public sealed record RfqLineDto(int Number, string Material, string Grade, string Specification, decimal Quantity, string Unit);

public sealed record AttachmentDto(string Name, string Url);

/// <summary>A file the buyer uploaded to an RFQ; download it from <c>/api/v1/market/rfqs/{rfq}/files/{id}</c>.</summary>
public sealed record RfqFileDto(long Id, string Name, string ContentType, long Size, string Sha256, DateTime UploadedAt);

public sealed record InvitedSupplierDto(long Id, string Name, string Country, bool Verified, bool Quoted);

/// <summary>A question as everyone who sees the RFQ sees it: who asked is not shown; <see cref="Mine"/> tells the asker it is theirs.</summary>
public sealed record QuestionDto(long Id, string Text, string? Answer, DateTime AskedAt, DateTime? AnsweredAt, bool Mine);

public sealed record RfqSummaryDto(
    long Id, string Number, string Title, long Buyer, string BuyerName, string State, DateTime ClosesAt, int Lines, bool OpenToVerified, DateTime CreatedAt);

public sealed record RfqDto(
    long Id, string Number, string Title, long Buyer, string BuyerName, string State, IReadOnlyList<RfqLineDto> Lines,
    DateTime DeliveryFrom, DateTime DeliveryTo, string Destination, string Incoterm, string PaymentTerms, IReadOnlyList<AttachmentDto> Attachments,
    bool OpenToVerified, DateTime ClosesAt, DateTime? ClosedAt, DateTime? AwardedAt, long? Job, IReadOnlyList<InvitedSupplierDto> Invited,
    IReadOnlyList<QuestionDto> Questions, DateTime CreatedAt, int Version, DateTime? CancelledAt = null, string? CancelReason = null,
    IReadOnlyList<RfqFileDto>? Files = null);

/// <summary>One thing that happened to an RFQ; <see cref="Supplier"/> names the supplier it concerns when the viewer may know it.</summary>
public sealed record RfqEventDto(DateTime At, string Kind, string Text, long? Supplier, string? SupplierName);

public sealed record QuoteLineRequest(int? Line, decimal? Price, decimal? Quantity, string? Deviations);

public sealed record QuoteRequest(
    string? Currency, string? Incoterm, string? Origin, DateTime? ValidUntil, int? LeadTimeDays, string? Notes, IReadOnlyList<QuoteLineRequest?>? Lines);

public sealed record QuoteLineDto(int Line, decimal Price, decimal Quantity, string? Deviations);

public sealed record QuoteDto(
    long Id, long Rfq, long Supplier, string SupplierName, string Currency, string Incoterm, string Origin, DateTime ValidUntil, int LeadTimeDays,
    string? Notes, string State, IReadOnlyList<QuoteLineDto> Lines, DateTime SubmittedAt, DateTime UpdatedAt, int Version);

/// <summary>One supplier's offer for one line, normalised: its price in the reporting currency plus the freight the buyer adds, per unit.</summary>
/// <param name="Missing">Why the landed cost is unknown (<c>currency_rate_missing</c>, <c>freight_rate_missing</c>), or null.</param>
public sealed record OfferDto(
    long Quote, long Supplier, string SupplierName, bool Verified, decimal Price, string Currency, string Incoterm, string Origin, decimal Quantity,
    decimal? PriceInReportingCurrency, decimal? FreightPerUnit, decimal? LandedPerUnit, decimal? LandedTotal, string? Deviations, int LeadTimeDays,
    DateTime ValidUntil, bool Cheapest, string? Missing, decimal Awarded);

public sealed record ComparisonLineDto(int Line, string Material, string Grade, decimal Quantity, string Unit, IReadOnlyList<OfferDto> Offers);

/// <summary>The buyer's side-by-side view of an RFQ's quotes, line by line, cheapest landed cost first.</summary>
public sealed record ComparisonDto(long Rfq, string Number, string State, string ReportingCurrency, string Destination, IReadOnlyList<ComparisonLineDto> Lines);

public sealed record AwardLineRequest(int? Line, long? Quote, decimal? Quantity);

public sealed record AwardRequest(IReadOnlyList<AwardLineRequest?>? Awards);

public sealed record AwardDto(
    int Line, long Quote, long Supplier, string SupplierName, decimal Quantity, decimal Price, string Currency, decimal? LandedPrice, DateTime AwardedAt);
