namespace Weft.Commerce.Replenishment.Planning;

/// <param name="Policy"><c>reorder_point</c> (reorder point with safety stock, EOQ quantity; the default), <c>min_max</c> (Odoo's
/// reordering rule) or <c>order_up_to</c> (periodic review).</param>
/// <param name="ServiceLevel">The chance of not running out before an order arrives, 0.5-0.9999 (default 0.95).</param>
/// <param name="DemandDays">Days of outgoing moves daily demand is measured over, 7-730 (default 90).</param>
/// <param name="DemandMean">Daily demand set by hand (with <paramref name="DemandDeviation"/>); left out, measured from the ledger.</param>
/// <param name="Min">min_max: order when the forecast falls to this…</param>
/// <param name="Max">…up to this…</param>
/// <param name="Multiple">…in multiples of this (0: none).</param>
/// <param name="ReviewDays">order_up_to: days between reviews (default 7).</param>
/// <param name="OrderingCost">What placing one order costs (EOQ's S, default 50).</param>
/// <param name="HoldingRate">A year's holding cost as a share of the unit cost (EOQ's i, default 0.25).</param>
/// <param name="Supplier">Left out: the SKU's preferred supplier.</param>
public sealed record ReplenishmentRuleRequest(string? Sku, string? Warehouse, string? Policy = null, double? ServiceLevel = null, int? DemandDays = null,
    double? DemandMean = null, double? DemandDeviation = null, decimal? Min = null, decimal? Max = null, decimal? Multiple = null, int? ReviewDays = null,
    decimal? OrderingCost = null, decimal? HoldingRate = null, string? Supplier = null);

public sealed record ReplenishmentRuleDto(long Id, string Sku, string Warehouse, string Policy, double ServiceLevel, int DemandDays, double? DemandMean,
    double? DemandDeviation, decimal Min, decimal Max, decimal Multiple, int ReviewDays, decimal OrderingCost, decimal HoldingRate, string? Supplier, int Version);

/// <param name="Warehouse">Plan one warehouse; left out, all.</param>
public sealed record PlanRequest(string? Warehouse = null);

/// <param name="Run">What the run is called (its suggestions carry it).</param>
/// <param name="Rules">How many rules it looked at.</param>
/// <param name="Suggestions">What it proposes to buy, below the reorder level first.</param>
/// <param name="Skipped">Rules it could not plan, with why (no supplier sells the SKU, no demand to plan from).</param>
/// <param name="Amount">What the proposed suggestions cost together (in their currencies, summed as numbers).</param>
public sealed record PlanDto(string Run, int Rules, IReadOnlyList<SuggestionDto> Suggestions, IReadOnlyList<SkippedRuleDto> Skipped, decimal Amount);

public sealed record SkippedRuleDto(string Sku, string Warehouse, string Reason);

/// <param name="Position">On hand + incoming − outgoing when it was planned.</param>
/// <param name="ReorderLevel">Where the policy reorders: the reorder point, the min, or the order-up-to level.</param>
/// <param name="Wanted">What the policy wanted before the supplier's terms.</param>
/// <param name="Explanation">Each part of the calculation: inputs, formulas with their numbers, and why the quantity was rounded.</param>
public sealed record SuggestionDto(long Id, string Run, string Sku, string ProductName, string Warehouse, string Supplier, string Policy, decimal Position,
    decimal ReorderLevel, decimal Wanted, decimal Quantity, decimal UnitPrice, decimal Amount, string Currency, string State,
    IReadOnlyList<ExplanationPart> Explanation, DateTime CreatedAt, string? DecidedBy, DateTime? DecidedAt, string? PurchaseOrder, int Version);

/// <summary>One part of a suggestion's explanation (the reorder point, the EOQ, the supplier's terms).</summary>
public sealed record ExplanationPart(string Title, IReadOnlyList<ExplanationLine> Inputs, IReadOnlyList<ExplanationLine> Steps, IReadOnlyList<string> WhyRounded);

/// <param name="Name">An input's symbol, or a step's label.</param>
/// <param name="Text">An input's meaning, or a step's formula.</param>
/// <param name="Numbers">A step's formula with its numbers; empty for an input.</param>
/// <param name="Value">The input's value, or what the step found.</param>
public sealed record ExplanationLine(string Name, string Text, string Numbers, string Value);

/// <param name="Version">The version read.</param>
/// <param name="Quantity">Approve another quantity than suggested (the buyer's edit).</param>
public sealed record DecideSuggestionRequest(int? Version, decimal? Quantity = null);

/// <param name="Suggestions">Approved suggestions to order; left out, every approved one not yet ordered.</param>
public sealed record OrderSuggestionsRequest(IReadOnlyList<long>? Suggestions = null);

/// <param name="Day">The day whose planning run to schedule (today or a later day, at most a year ahead); a day already scheduled keeps its run.</param>
public sealed record ScheduleRequest(DateOnly? Day);
