namespace Weft.Platform.Web.Security;

/// <summary>The permissions of the platform itself (declared by the platform module).</summary>
public static class PlatformPermissions
{
    /// <summary>Manage the tenant's users, roles and API keys; read the audit trail; retry or dismiss parked events.</summary>
    public const string Admin = "admin";

    /// <summary>Scrape <c>/metrics</c>.</summary>
    public const string Metrics = "metrics:read";
}
