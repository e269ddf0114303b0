namespace Weft.Platform.Webhooks;

public static class WebhookDeliveryStates
{
    /// <summary>Waiting for its next attempt (the first, or a retry after a failure).</summary>
    public const string Pending = "pending";
    /// <summary>The receiver answered 2xx (or the mail server took the message).</summary>
    public const string Delivered = "delivered";
    /// <summary>Every attempt failed; an admin may replay it.</summary>
    public const string Failed = "failed";

    public static readonly string[] All = [Pending, Delivered, Failed];
}
