namespace Weft.Commerce;

/// <summary>The commerce module's permissions; each is also the name of its authorization policy.</summary>
public static class CommercePermissions
{
    /// <summary>See the catalog, warehouses, stock and its moves.</summary>
    public const string Read = "commerce:read";

    /// <summary>Move stock: receive, transfer, pick, adjust.</summary>
    public const string Move = "commerce:move";

    /// <summary>Keep the catalog and the warehouses' locations.</summary>
    public const string Manage = "commerce:manage";

    /// <summary>Buy: keep suppliers and replenishment rules, plan, approve suggestions, write, approve and send purchase orders.</summary>
    public const string Purchase = "commerce:purchase";
}
