using Weft.Production.Persistence;

namespace Weft.Production.Orders;

/// <summary>Where the pages of each kind of order live, and what they are called.</summary>
internal static class OrderPaths
{
    public static string List(string kind) => kind == OrderKinds.Oem ? "/production/orders" : "/production/atelier-jobs";

    public static string Of(string kind, long id) => $"{List(kind)}/{id}";

    public static string Plural(string kind) => kind == OrderKinds.Oem ? "Manufacturing orders" : "Atelier jobs";

    public static string Singular(string kind) => kind == OrderKinds.Oem ? "manufacturing order" : "atelier job";
}
