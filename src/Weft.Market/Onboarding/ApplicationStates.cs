namespace Weft.Market.Onboarding;

/// <summary>Where a supplier's application for the badge is: waiting for the staff's checks, then approved or rejected.</summary>
public static class ApplicationStates
{
    public const string Submitted = "submitted";
    public const string Approved = "approved";
    public const string Rejected = "rejected";

    public static IReadOnlyList<string> All { get; } = [Submitted, Approved, Rejected];
}
