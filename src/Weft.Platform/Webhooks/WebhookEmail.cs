namespace Weft.Platform.Webhooks;

/// <summary>What the <c>email</c> format stores as a delivery's body: the message's subject and text.</summary>
internal sealed record WebhookEmail(string Subject, string Text);
