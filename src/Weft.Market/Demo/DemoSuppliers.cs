using Weft.Market.Suppliers;

namespace Weft.Market.Demo;

/// <summary>
/// What the demo's suppliers sell and hold, worked out from their descriptions (<see cref="DemoOrganizations"/>):
/// battery-grade Li2CO3 at 99.5% and up, LiOH·H2O at 56.5% LiOH and up, SC6 spodumene at 6% Li2O; their ports,
/// incoterms, capacities and certificates, a few of them expiring within weeks.
/// </summary>
internal static class DemoSuppliers
{
    public sealed record Product(string Material, string Grade, decimal Purity, decimal? D50, decimal? Moisture, IReadOnlyDictionary<string, decimal> Impurities, int Capacity);

    public sealed record Certificate(string Kind, string Issuer, int IssuedDaysAgo, int ExpiresInDays);

    public sealed record Profile(string Headline, IReadOnlyList<string> Ports, IReadOnlyList<string> Incoterms, int LeadTimeDays, int MinOrderTonnes,
        IReadOnlyList<Product> Products, IReadOnlyList<Certificate> Certificates);

    private static readonly Dictionary<string, string[]> PortsByCountry = new(StringComparer.Ordinal)
    {
        ["CL"] = ["Antofagasta", "Mejillones", "San Antonio"],
        ["AR"] = ["Buenos Aires", "Antofagasta"],
        ["AU"] = ["Port Hedland", "Esperance", "Kwinana"],
        ["CN"] = ["Shanghai", "Ningbo"],
    };

    /// <summary>The profile of the <paramref name="index"/>th demo supplier: the same every time.</summary>
    public static Profile For(DemoOrganizations.Org org, int index)
    {
        var text = (org.Name + " " + org.Description).ToLowerInvariant();
        var products = new List<Product>();
        var scale = 1 + index % 5;
        if (text.Contains("carbonate", StringComparison.Ordinal))
        {
            var battery = !text.Contains("technical-grade", StringComparison.Ordinal);
            if (battery)
                products.Add(new(Materials.LithiumCarbonate, "battery", 99.5m + index % 3 * 0.1m, 4.5m + index % 4, 0.2m,
                    Limits(("Na", 250 - index % 3 * 50), ("Ca", 50), ("Mg", 30), ("Fe", 10), ("SO4", 350)), 5_000 * scale));
            if (!battery || text.Contains("technical", StringComparison.Ordinal))
                products.Add(new(Materials.LithiumCarbonate, "technical", 99.0m, 15m, 0.5m, Limits(("Na", 1000), ("Fe", 50), ("SO4", 1500)), 3_000 * scale));
        }
        if (text.Contains("hydroxide", StringComparison.Ordinal))
            products.Add(new(Materials.LithiumHydroxide, text.Contains("micronized", StringComparison.Ordinal) ? "battery-micronized" : "battery",
                56.5m + index % 4 * 0.1m, text.Contains("micronized", StringComparison.Ordinal) ? 8m : 25m, 0.3m,
                Limits(("Na", 50), ("Ca", 30), ("Fe", 8), ("CO3", 3500)), 6_000 * scale));
        // A converter of imported spodumene buys it: only a miner's description names its concentrate.
        if (text.Contains("spodumene concentrate", StringComparison.Ordinal) || text.Contains("spodumene and", StringComparison.Ordinal) || text.Contains("sc6", StringComparison.Ordinal))
        {
            products.Add(new(Materials.Spodumene, "SC6", 6.0m, null, 8m, Limits(("Fe2O3", 9000)), 60_000 * scale));
            if (text.Contains("sc5.5", StringComparison.Ordinal)) products.Add(new(Materials.Spodumene, "SC5.5", 5.5m, null, 8m, Limits(("Fe2O3", 12000)), 40_000));
            if (text.Contains("sc7.2", StringComparison.Ordinal)) products.Add(new(Materials.Spodumene, "SC7.2", 7.2m, null, 6m, Limits(("Fe2O3", 1500)), 20_000));
        }
        if (products.Count == 0)
            products.Add(new(Materials.LithiumCarbonate, "technical", 99.0m, 15m, 0.5m, Limits(("Na", 1000), ("Fe", 50)), 2_000 * scale));

        var ports = PortsByCountry[org.Country];
        // Most certificates run a few years; every seventh supplier's ISO 9001 expires within weeks, to show the warning.
        var certificates = new List<Certificate> { new(CertificationKinds.Iso9001, index % 2 == 0 ? "Bureau Veritas" : "SGS", 400, index % 7 == 3 ? 20 + index : 300 + 40 * index) };
        if (index % 2 == 0) certificates.Add(new(CertificationKinds.Iso14001, "TÜV SÜD", 500, 500 + 20 * index));
        if (products.Any(p => p.Material == Materials.LithiumHydroxide) || index % 5 == 1) certificates.Add(new(CertificationKinds.Iatf16949, "DNV", 300, index % 6 == 2 ? 45 : 700));
        if (index % 3 != 2) certificates.Add(new(CertificationKinds.Reach, "ECHA", 800, 900 + index * 10));
        if (org.Verified) certificates.Add(new(CertificationKinds.ConflictMinerals, "RMI", 200, 165 + index * 3));

        var headline = $"{string.Join(" and ", products.Select(p => $"{p.Grade} {Materials.NameOf(p.Material).Split(" (")[0].ToLowerInvariant()}").Distinct())}, shipped from {ports[index % ports.Length]}";
        headline = char.ToUpperInvariant(headline[0]) + headline[1..];
        return new Profile(headline.Length > 300 ? headline[..300] : headline, [ports[index % ports.Length], .. ports.Where((_, i) => i != index % ports.Length).Take(1)],
            org.Country == "CN" ? ["FOB", "CIF", "CFR"] : ["FOB", "CIF", "CFR", "DAP"], 21 + index % 5 * 7, org.Country == "AU" ? 5_000 : 20,
            products, certificates);
    }

    private static Dictionary<string, decimal> Limits(params (string Element, decimal Ppm)[] limits) =>
        limits.ToDictionary(l => l.Element, l => l.Ppm, StringComparer.Ordinal);
}
