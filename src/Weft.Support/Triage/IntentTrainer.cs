namespace Weft.Support.Triage;

/// <summary>The multiclass maximum-entropy trainers the classifier can use; both give calibrated (softmax) probabilities.</summary>
internal enum IntentTrainer
{
    Sdca,
    Lbfgs,
}
