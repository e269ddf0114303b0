namespace Weft.Platform.Web.Security;

/// <summary>
/// The roles a person can have in a tenant, each holding every permission of the roles below it:
/// admin ⊃ manager ⊃ operator ⊃ viewer. Modules grant their permissions to a lowest role.
/// </summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Manager = "manager";
    public const string Operator = "operator";
    public const string Viewer = "viewer";

    /// <summary>Highest first.</summary>
    public static readonly IReadOnlyList<string> All = [Admin, Manager, Operator, Viewer];

    /// <summary>Whether <paramref name="role"/> holds what <paramref name="lowest"/> holds.</summary>
    public static bool Includes(string role, string lowest)
    {
        var have = IndexOf(role);
        var need = IndexOf(lowest);
        return have >= 0 && need >= 0 && have <= need;
    }

    private static int IndexOf(string role)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (All[i] == role) return i;
        }
        return -1;
    }
}
