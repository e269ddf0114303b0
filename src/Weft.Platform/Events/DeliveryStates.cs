namespace Weft.Platform.Events;

public static class DeliveryStates
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    /// <summary>Failed too often: waits for an admin to retry or dismiss it, and holds back later events of its stream for its handler.</summary>
    public const string Parked = "parked";
    /// <summary>An admin decided the event will not be handled.</summary>
    public const string Dismissed = "dismissed";

    public static readonly string[] All = [Pending, Delivered, Parked, Dismissed];
}
