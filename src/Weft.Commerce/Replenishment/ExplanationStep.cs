namespace Weft.Commerce.Replenishment;

/// <summary>One step of a calculation: what it finds, the formula, the formula with the numbers put in, and what came out.</summary>
internal sealed record ExplanationStep(string Label, string Formula, string Numbers, string Result);
