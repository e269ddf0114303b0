namespace Weft.Market.Visibility;

/// <summary>Who is looking at the market's data, which decides what the data layer shows them (<see cref="MarketVisibility"/>).</summary>
public enum MarketViewerKind
{
    /// <summary>Nobody in particular: sees nothing an organization owns. The default, so a forgotten viewer shows nothing.</summary>
    Nobody,
    /// <summary>A member of a buyer or supplier organization: sees its own organization's data and what was shared with it.</summary>
    Member,
    /// <summary>The marketplace operator's staff: sees everything but sealed bids before their auction closes.</summary>
    Staff,
    /// <summary>The module's own background work (closing an auction, ranking bids): sees everything.</summary>
    System,
}

/// <summary>
/// The caller as the market's data layer sees them: a member of one organization (with their role), the operator's staff,
/// the module itself, or nobody.
/// </summary>
public sealed record MarketViewer(MarketViewerKind Kind, long Organization, string? Role, long UserId, string Name)
{
    public static MarketViewer System { get; } = new(MarketViewerKind.System, 0, null, 0, "system");
    public static MarketViewer Nobody { get; } = new(MarketViewerKind.Nobody, 0, null, 0, "nobody");

    public static MarketViewer Staff(long userId, string name) => new(MarketViewerKind.Staff, 0, null, userId, name);

    public static MarketViewer Member(long organization, string role, long userId, string name) =>
        new(MarketViewerKind.Member, organization, role, userId, name);

    public bool IsMember => Kind == MarketViewerKind.Member;
    public bool IsStaff => Kind == MarketViewerKind.Staff;
}
