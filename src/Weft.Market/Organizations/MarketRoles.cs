namespace Weft.Market.Organizations;

/// <summary>The kinds of organization in a marketplace and the roles of their members.</summary>
public static class MarketRoles
{
    public const string Buyer = "buyer";
    public const string Supplier = "supplier";

    public const string BuyerAdmin = "buyer_admin";
    public const string BuyerMember = "buyer";
    public const string SupplierAdmin = "supplier_admin";
    public const string Sales = "sales";

    public static IReadOnlyList<string> Kinds { get; } = [Buyer, Supplier];

    /// <summary>The roles a member of an organization of this kind may hold.</summary>
    public static IReadOnlyList<string> RolesOf(string kind) => kind == Buyer ? [BuyerAdmin, BuyerMember] : [SupplierAdmin, Sales];

    public static bool IsAdmin(string role) => role is BuyerAdmin or SupplierAdmin;
}
