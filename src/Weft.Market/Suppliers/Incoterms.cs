namespace Weft.Market.Suppliers;

/// <summary>The Incoterms 2020 rules a supplier may offer.</summary>
public static class Incoterms
{
    public static IReadOnlyList<string> All { get; } = ["EXW", "FCA", "FAS", "FOB", "CFR", "CIF", "CPT", "CIP", "DAP", "DPU", "DDP"];
}
