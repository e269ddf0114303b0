namespace Weft.Support.Triage;

/// <param name="Intent">The intent, or <c>unknown</c> when the model's confidence is below its threshold.</param>
/// <param name="TopIntent">What the model leant towards, also when it answered unknown.</param>
internal sealed record Classification(string Intent, double Confidence, bool Unknown, string TopIntent, double Threshold, long Model);
