namespace Weft.Commerce.Replenishment;

/// <summary>One input of a calculation: its symbol in the formulas, what it means and where it came from, and its value.</summary>
internal sealed record ExplanationInput(string Symbol, string Meaning, string Value);
