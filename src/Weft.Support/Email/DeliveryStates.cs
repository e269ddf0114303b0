namespace Weft.Support.Email;

/// <summary>Where a reply that leaves by email stands in the outbox.</summary>
internal static class DeliveryStates
{
    public const string Pending = "pending";
    public const string Sent = "sent";
    public const string Failed = "failed";
}
