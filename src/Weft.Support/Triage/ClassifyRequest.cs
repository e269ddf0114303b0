namespace Weft.Support.Triage;

internal sealed record ClassifyRequest(string? Text);
