namespace Weft.Market.Suppliers;

/// <summary>The world regions the directory groups suppliers' countries into (its region facet).</summary>
public static class Regions
{
    public const string SouthAmerica = "south-america";
    public const string NorthAmerica = "north-america";
    public const string Europe = "europe";
    public const string Asia = "asia";
    public const string Oceania = "oceania";
    public const string Africa = "africa";

    public static IReadOnlyList<string> All { get; } = [SouthAmerica, NorthAmerica, Europe, Asia, Oceania, Africa];

    private static readonly Dictionary<string, string> ByCountry = new(StringComparer.Ordinal)
    {
        ["AR"] = SouthAmerica, ["BO"] = SouthAmerica, ["BR"] = SouthAmerica, ["CL"] = SouthAmerica, ["PE"] = SouthAmerica,
        ["US"] = NorthAmerica, ["CA"] = NorthAmerica, ["MX"] = NorthAmerica,
        ["DE"] = Europe, ["SE"] = Europe, ["FI"] = Europe, ["PT"] = Europe, ["ES"] = Europe, ["FR"] = Europe, ["GB"] = Europe, ["RS"] = Europe, ["AT"] = Europe, ["CZ"] = Europe,
        ["CN"] = Asia, ["JP"] = Asia, ["KR"] = Asia, ["IN"] = Asia, ["ID"] = Asia, ["TW"] = Asia,
        ["AU"] = Oceania, ["NZ"] = Oceania,
        ["ZW"] = Africa, ["NA"] = Africa, ["ZA"] = Africa, ["CD"] = Africa, ["ML"] = Africa, ["GH"] = Africa,
    };

    /// <summary>The region of an ISO 3166 country; <c>other</c> for one the map does not know.</summary>
    public static string Of(string country) => ByCountry.GetValueOrDefault(country, "other");

    public static string NameOf(string region) => region switch
    {
        SouthAmerica => "South America",
        NorthAmerica => "North America",
        Europe => "Europe",
        Asia => "Asia",
        Oceania => "Oceania",
        Africa => "Africa",
        _ => "Other",
    };
}
