namespace Weft.Production;

/// <summary>The production module's permissions; each is also the name of its authorization policy.</summary>
public static class ProductionPermissions
{
    /// <summary>Read products, manufacturing orders, atelier jobs and the plan.</summary>
    public const string Read = "production:read";

    /// <summary>Create and change products, create, release and cancel manufacturing orders and atelier jobs.</summary>
    public const string Manage = "production:manage";
}
