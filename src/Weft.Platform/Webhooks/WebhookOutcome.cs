namespace Weft.Platform.Webhooks;

/// <summary>How one attempt went: delivered or not, the receiver's status, why it failed, the start of its answer.</summary>
internal sealed record WebhookOutcome(bool Succeeded, int? Status, string? Error, string? Excerpt);
