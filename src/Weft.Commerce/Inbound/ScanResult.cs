namespace Weft.Commerce.Inbound;

/// <summary>What a scan did, as the station shows and sounds it: each scan gives a new result, so the same words twice sound twice.</summary>
public sealed record ScanResult(bool Ok, string Text);
