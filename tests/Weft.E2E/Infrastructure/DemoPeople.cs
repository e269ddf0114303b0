namespace Weft.E2E.Infrastructure;

/// <summary>The demo tenant's people, one per role (the host seeds them in demo mode).</summary>
public static class DemoPeople
{
    public const string Password = "weft-demo-password";
    public const string Admin = "admin@weft.demo";
    public const string Manager = "manager@weft.demo";
    public const string Operator = "operator@weft.demo";
    public const string Viewer = "viewer@weft.demo";

    public static IReadOnlyList<string> Everyone => [Admin, Manager, Operator, Viewer];

    /// <summary>"admin" of "admin@weft.demo", for file names.</summary>
    public static string ShortName(string email) => email[..email.IndexOf('@', StringComparison.Ordinal)];
}
