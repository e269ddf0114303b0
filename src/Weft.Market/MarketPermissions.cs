namespace Weft.Market;

/// <summary>
/// What the market's pages and endpoints ask for. Reading and trading are open to every role, since buyers and
/// suppliers sign in as the tenant's viewers; what a caller may do beyond that is decided by the organization they are a
/// member of and their role in it (<see cref="Organizations.MarketRoles"/>). Operating the marketplace is for its staff.
/// </summary>
public static class MarketPermissions
{
    public const string Read = "market:read";
    public const string Trade = "market:trade";
    public const string Operate = "market:operate";
}
