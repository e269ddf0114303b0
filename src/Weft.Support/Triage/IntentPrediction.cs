namespace Weft.Support.Triage;

/// <param name="Intent">The top intent, or <see cref="IntentClassifier.Unknown"/> when its probability is below the threshold.</param>
/// <param name="Confidence">The top intent's probability (0–1), also when the answer is unknown.</param>
/// <param name="TopIntent">The top intent whatever the threshold, so a person can see what the model leant towards.</param>
internal sealed record IntentPrediction(string Intent, double Confidence, string TopIntent)
{
    public bool IsUnknown => Intent == IntentClassifier.Unknown;
}
