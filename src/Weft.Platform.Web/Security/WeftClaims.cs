using System.Globalization;
using System.Security.Claims;

namespace Weft.Platform.Web.Security;

/// <summary>
/// What a signed-in caller's principal carries, whatever proved it (a session cookie, an access
/// token, an API key): tenant, subject, actor name, linked agent, permissions. The identity module
/// fills it from the database on every request; modules read it here.
/// </summary>
public static class WeftClaims
{
    public const string Tenant = "tid";
    public const string Subject = "sub";
    public const string Stamp = "stamp";
    public const string Actor = "weft:actor";
    public const string Agent = "weft:agent";
    public const string Permission = "weft:perm";
    public const string Scheme = "weft:scheme";

    /// <summary>The scheme value of a person's browser session (cookie).</summary>
    public const string CookieScheme = "cookie";

    public static long? TenantOf(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirst(Tenant)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : null;

    public static string? ActorOf(this ClaimsPrincipal user) => user.FindFirst(Actor)?.Value;

    public static string? AgentOf(this ClaimsPrincipal user) => user.FindFirst(Agent)?.Value;

    public static string? SubjectOf(this ClaimsPrincipal user) => user.FindFirst(Subject)?.Value;

    public static string? SchemeOf(this ClaimsPrincipal user) => user.FindFirst(Scheme)?.Value;

    public static string? RoleOf(this ClaimsPrincipal user) => user.FindFirst(ClaimTypes.Role)?.Value;

    public static bool IsPerson(this ClaimsPrincipal user) => user.SubjectOf()?.StartsWith("u:", StringComparison.Ordinal) == true;

    public static bool Can(this ClaimsPrincipal user, string permission) => user.HasClaim(Permission, permission);

    public static IReadOnlyList<string> PermissionsOf(this ClaimsPrincipal user) =>
        user.FindAll(Permission).Select(c => c.Value).ToList();
}
