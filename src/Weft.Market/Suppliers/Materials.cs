namespace Weft.Market.Suppliers;

/// <summary>The materials the marketplace trades, by key, with their names and what their purity is an assay of.</summary>
public static class Materials
{
    public const string LithiumCarbonate = "lithium-carbonate";
    public const string LithiumHydroxide = "lithium-hydroxide";
    public const string Spodumene = "spodumene-concentrate";

    public static IReadOnlyList<string> All { get; } = [LithiumCarbonate, LithiumHydroxide, Spodumene];

    public static string NameOf(string material) => material switch
    {
        LithiumCarbonate => "Lithium carbonate (Li2CO3)",
        LithiumHydroxide => "Lithium hydroxide monohydrate (LiOH·H2O)",
        Spodumene => "Spodumene concentrate",
        _ => material,
    };

    /// <summary>What a product's purity is the percentage of.</summary>
    public static string AssayOf(string material) => material switch
    {
        LithiumCarbonate => "Li2CO3",
        LithiumHydroxide => "LiOH",
        Spodumene => "Li2O",
        _ => "",
    };
}
