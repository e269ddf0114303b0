using Microsoft.EntityFrameworkCore;
using Weft.Market.Persistence;
using Weft.Market.Rfqs;
using Weft.Market.Visibility;
using Weft.Platform.Errors;

namespace Weft.Market.Freight;

/// <summary>
/// The operator's tables that make quotes comparable: freight per tonne from an origin to a destination by incoterm, and
/// currency rates to the reporting currency. Everyone trading reads them; only the staff change them.
/// </summary>
internal sealed class FreightTables(MarketDb data)
{
    public const int MaxRows = 2000;

    public async Task<IReadOnlyList<FreightRateDto>> FreightAsync(long tenant, MarketViewer viewer, CancellationToken ct)
    {
        await using var db = await data.OpenAsync(tenant, viewer, ct);
        var rows = await db.FreightRates.AsNoTracking().ToListAsync(ct);
        return rows.OrderBy(r => r.Origin, StringComparer.Ordinal).ThenBy(r => r.Destination, StringComparer.Ordinal).ThenBy(r => r.Incoterm, StringComparer.Ordinal)
            .Select(ToDto).ToList();
    }

    /// <summary>Sets the rate of one origin, destination and incoterm (adding the row when new).</summary>
    public async Task<FreightRateDto> SetFreightAsync(long tenant, MarketViewer viewer, FreightRateRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        var origin = request.Origin?.Trim().ToUpperInvariant();
        var destination = request.Destination?.Trim().ToUpperInvariant();
        var incoterm = request.Incoterm?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(origin) || origin.Length > 64) errors.Add("origin", "'origin' is required: a port or a country code, at most 64 characters.");
        if (string.IsNullOrEmpty(destination) || destination.Length > 64) errors.Add("destination", "'destination' is required: a port, at most 64 characters.");
        if (incoterm is null || !TradeTerms.Incoterms.Contains(incoterm)) errors.Add("incoterm", $"'incoterm' is one of: {string.Join(", ", TradeTerms.Incoterms)}.");
        if (request.PerTonne is not (>= 0 and <= 1_000_000m)) errors.Add("perTonne", $"'perTonne' is 0-1,000,000 {TradeTerms.ReportingCurrency} a tonne.");
        errors.ThrowIfAny();
        Organizations.Organizations.RequireStaff(viewer);
        return await data.ChangeAsync(tenant, viewer, async db =>
        {
            var row = await db.FreightRates.FirstOrDefaultAsync(r => r.Origin == origin && r.Destination == destination && r.Incoterm == incoterm, ct);
            if (row is null)
            {
                if (await db.FreightRates.CountAsync(ct) >= MaxRows) throw WeftException.Rule("freight_table_full", $"The freight table holds at most {MaxRows} rows.");
                row = new FreightRateRecord { Origin = origin!, Destination = destination!, Incoterm = incoterm! };
                db.FreightRates.Add(row);
            }
            row.PerTonne = request.PerTonne!.Value;
            row.UpdatedAt = data.Now;
            await db.SaveChangesAsync(ct);
            return ToDto(row);
        }, ct);
    }

    public async Task DeleteFreightAsync(long tenant, MarketViewer viewer, long id, CancellationToken ct)
    {
        Organizations.Organizations.RequireStaff(viewer);
        await data.ChangeAsync(tenant, viewer, async db =>
        {
            var row = await db.FreightRates.FirstOrDefaultAsync(r => r.Id == id, ct)
                ?? throw WeftException.NotFound("freight_rate_not_found", $"Freight rate {id} does not exist.");
            db.FreightRates.Remove(row);
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);
    }

    public async Task<IReadOnlyList<CurrencyRateDto>> RatesAsync(long tenant, MarketViewer viewer, CancellationToken ct)
    {
        await using var db = await data.OpenAsync(tenant, viewer, ct);
        var rows = await db.CurrencyRates.AsNoTracking().ToListAsync(ct);
        return rows.OrderBy(r => r.Currency, StringComparer.Ordinal).Select(r => new CurrencyRateDto(r.Currency, r.Rate, r.UpdatedAt)).ToList();
    }

    public async Task<CurrencyRateDto> SetRateAsync(long tenant, MarketViewer viewer, string currency, CurrencyRateRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var code = currency.Trim().ToUpperInvariant();
        var errors = new FieldErrors();
        if (!TradeTerms.IsCurrency(code) || code == TradeTerms.ReportingCurrency)
            errors.Add("currency", $"The currency is a three-letter ISO 4217 code other than the reporting currency, {TradeTerms.ReportingCurrency}.");
        if (request.Rate is not (> 0 and <= 1_000_000m)) errors.Add("rate", $"'rate' is how many {TradeTerms.ReportingCurrency} one unit is worth: more than 0, at most 1,000,000.");
        errors.ThrowIfAny();
        Organizations.Organizations.RequireStaff(viewer);
        return await data.ChangeAsync(tenant, viewer, async db =>
        {
            var row = await db.CurrencyRates.FirstOrDefaultAsync(r => r.Currency == code, ct);
            if (row is null)
            {
                if (await db.CurrencyRates.CountAsync(ct) >= 300) throw WeftException.Rule("currency_table_full", "The marketplace keeps at most 300 currencies.");
                row = new CurrencyRateRecord { Currency = code };
                db.CurrencyRates.Add(row);
            }
            row.Rate = request.Rate!.Value;
            row.UpdatedAt = data.Now;
            await db.SaveChangesAsync(ct);
            return new CurrencyRateDto(row.Currency, row.Rate, row.UpdatedAt);
        }, ct);
    }

    private static FreightRateDto ToDto(FreightRateRecord r) => new(r.Id, r.Origin, r.Destination, r.Incoterm, r.PerTonne, r.UpdatedAt);
}

public sealed record FreightRateDto(long Id, string Origin, string Destination, string Incoterm, decimal PerTonne, DateTime UpdatedAt);

public sealed record FreightRateRequest(string? Origin, string? Destination, string? Incoterm, decimal? PerTonne);

public sealed record CurrencyRateDto(string Currency, decimal Rate, DateTime UpdatedAt);

public sealed record CurrencyRateRequest(decimal? Rate);
