namespace Weft.Production.Persistence;

/// <summary>
/// A production order's states. <see cref="InProgress"/> is never stored: a released order is in
/// progress once its flow job has work started or pieces done.
/// </summary>
internal static class OrderStates
{
    public const string Draft = "draft";
    public const string Released = "released";
    public const string InProgress = "in_progress";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";

    public static readonly string[] All = [Draft, Released, InProgress, Completed, Cancelled];
}
