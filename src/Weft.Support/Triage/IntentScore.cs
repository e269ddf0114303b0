namespace Weft.Support.Triage;

/// <param name="Support">Held-out examples of this intent.</param>
internal sealed record IntentScore(string Intent, int Support, double Precision, double Recall);
