namespace Weft.Support.Triage;

internal sealed record IntentCount(string Intent, int Examples);
