namespace Weft.Commerce.Suppliers;

/// <param name="Key">Unique in the tenant: letters, digits, '-' and '_'.</param>
/// <param name="Email">Where purchase orders are emailed.</param>
/// <param name="Currency">ISO 4217: what it invoices in (default EUR).</param>
/// <param name="LeadTimeDays">Days from sending an order to receiving it, as promised (0-365).</param>
public sealed record CreateSupplierRequest(string? Key, string? Name, string? Email, string? ContactName = null, string? Phone = null, string? Address = null,
    string? Currency = null, int? LeadTimeDays = null);

/// <param name="Version">The version read (409 when it changed since).</param>
public sealed record UpdateSupplierRequest(int? Version, string? Name = null, string? Email = null, string? ContactName = null, string? Phone = null,
    string? Address = null, string? Currency = null, int? LeadTimeDays = null);

/// <param name="PriceBreaks">From which quantity a lower unit price applies.</param>
/// <param name="PackSize">0 or left out: any quantity; otherwise orders are whole packs.</param>
/// <param name="LeadTimeDays">Left out: the supplier's.</param>
/// <param name="Preferred">The supplier replenishment orders this SKU from (one per SKU; setting it takes it from another).</param>
public sealed record SupplierProductRequest(string? Sku, decimal? UnitPrice, string? SupplierSku = null, IReadOnlyList<PriceBreakDto>? PriceBreaks = null,
    decimal? MinimumOrder = null, decimal? PackSize = null, int? LeadTimeDays = null, bool? Preferred = null);

public sealed record PriceBreakDto(decimal? FromQuantity, decimal? UnitPrice);

public sealed record SupplierProductDto(string Sku, string SupplierSku, decimal UnitPrice, IReadOnlyList<PriceBreakDto> PriceBreaks, decimal MinimumOrder,
    decimal PackSize, int LeadTimeDays, bool Preferred, int Version);

/// <param name="LeadTime">Promised and measured (from its receipts) lead times.</param>
public sealed record SupplierDto(long Id, string Key, string Name, string ContactName, string Email, string Phone, string Address, string Currency,
    int LeadTimeDays, LeadTimeDto LeadTime, ScorecardDto Scorecard, IReadOnlyList<SupplierProductDto> Products, DateTime CreatedAt, int Version);

/// <param name="Receipts">How many orders the measured figures come from (mean and deviation need two).</param>
/// <param name="MeasuredMeanDays">Days from sending to first receipt, on average; null before two receipts.</param>
/// <param name="MeasuredDeviationDays">Their sample standard deviation.</param>
public sealed record LeadTimeDto(int PromisedDays, int Receipts, double? MeasuredMeanDays, double? MeasuredDeviationDays);

/// <param name="OnTimeRate">Share of orders whose first receipt came by their expected date.</param>
/// <param name="FillRate">Share of the ordered quantity received, over orders that were received in full or closed.</param>
/// <param name="QcPassRate">Share of quality checks of its goods that passed.</param>
public sealed record ScorecardDto(int Orders, double? OnTimeRate, double? FillRate, int QcChecks, double? QcPassRate);
