namespace Weft.Support.Conversations;

internal static class Priorities
{
    public const string Low = "low";
    public const string Normal = "normal";
    public const string High = "high";
    public const string Urgent = "urgent";

    public static readonly IReadOnlyList<string> All = [Low, Normal, High, Urgent];
}
