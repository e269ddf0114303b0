using System.Globalization;
using System.Security.Claims;

namespace Weft.Host.Security;

internal static class Roles
{
    public const string Admin = "admin";
    public const string Manager = "manager";
    public const string Operator = "operator";
    public const string Viewer = "viewer";

    public static readonly string[] All = [Admin, Manager, Operator, Viewer];

    /// <summary>What each role may do; roles are cumulative.</summary>
    public static string[] PermissionsOf(string role) => role switch
    {
        Admin => [Permissions.FlowRead, Permissions.FlowWork, Permissions.FlowManage, Permissions.Admin, Permissions.Metrics],
        Manager => [Permissions.FlowRead, Permissions.FlowWork, Permissions.FlowManage],
        Operator => [Permissions.FlowRead, Permissions.FlowWork],
        Viewer => [Permissions.FlowRead],
        _ => [],
    };
}

/// <summary>The permissions endpoints ask for; each is also the name of its authorization policy.</summary>
internal static class Permissions
{
    /// <summary>Read graphs, jobs, tokens, work items, agents, inbox, statistics.</summary>
    public const string FlowRead = "flow:read";
    /// <summary>Claim, start, pause, resume, complete, hand off and requeue work items, as one's own agent.</summary>
    public const string FlowWork = "flow:work";
    /// <summary>Edit and publish graphs, start jobs, cancel tokens, manage agents, resolve the inbox.</summary>
    public const string FlowManage = "flow:manage";
    /// <summary>Manage the tenant's users, roles and API keys; read the audit trail.</summary>
    public const string Admin = "admin";
    /// <summary>Scrape <c>/metrics</c>.</summary>
    public const string Metrics = "metrics:read";

    public static readonly string[] All = [FlowRead, FlowWork, FlowManage, Admin, Metrics];
}

/// <summary>The scopes an API key can be given, and the permissions each grants.</summary>
internal static class Scopes
{
    public const string FlowRead = "flow:read";
    public const string FlowWrite = "flow:write";
    public const string Admin = "admin";
    public const string Metrics = "metrics:read";

    public static readonly string[] All = [FlowRead, FlowWrite, Admin, Metrics];

    public static string[] PermissionsOf(IEnumerable<string> scopes) =>
        scopes.SelectMany(s => s switch
        {
            FlowRead => [Permissions.FlowRead],
            FlowWrite => [Permissions.FlowRead, Permissions.FlowWork, Permissions.FlowManage],
            Admin => new[] { Permissions.Admin },
            Metrics => [Permissions.Metrics],
            _ => [],
        }).Distinct().ToArray();
}

/// <summary>
/// Who is calling, loaded fresh from the database on every request (so a role change, a revoked key
/// or a changed password takes effect at once), as claims on the request's principal.
/// </summary>
internal sealed record Caller(long TenantId, string Subject, string Actor, string? Agent, string? Role, IReadOnlyList<string> Permissions, string Stamp)
{
    public const string TenantClaim = "tid";
    public const string SubjectClaim = "sub";
    public const string StampClaim = "stamp";
    public const string ActorClaim = "weft:actor";
    public const string AgentClaim = "weft:agent";
    public const string PermissionClaim = "weft:perm";
    public const string SchemeClaim = "weft:scheme";

    public static string UserSubject(long id) => "u:" + id.ToString(CultureInfo.InvariantCulture);
    public static string KeySubject(long id) => "k:" + id.ToString(CultureInfo.InvariantCulture);

    public bool IsUser => Subject.StartsWith("u:", StringComparison.Ordinal);

    public ClaimsPrincipal ToPrincipal(string scheme)
    {
        var claims = new List<Claim>
        {
            new(SubjectClaim, Subject),
            new(ClaimTypes.NameIdentifier, Subject),
            new(TenantClaim, TenantId.ToString(CultureInfo.InvariantCulture)),
            new(StampClaim, Stamp),
            new(ActorClaim, Actor),
            new(ClaimTypes.Name, Actor),
            new(SchemeClaim, scheme),
        };
        if (Agent is not null) claims.Add(new Claim(AgentClaim, Agent));
        if (Role is not null) claims.Add(new Claim(ClaimTypes.Role, Role));
        claims.AddRange(Permissions.Select(p => new Claim(PermissionClaim, p)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }
}

internal static class CallerClaims
{
    public static long? TenantOf(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirst(Caller.TenantClaim)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : null;

    public static string? ActorOf(this ClaimsPrincipal user) => user.FindFirst(Caller.ActorClaim)?.Value;

    public static string? AgentOf(this ClaimsPrincipal user) => user.FindFirst(Caller.AgentClaim)?.Value;

    public static string? SubjectOf(this ClaimsPrincipal user) => user.FindFirst(Caller.SubjectClaim)?.Value;

    public static string? SchemeOf(this ClaimsPrincipal user) => user.FindFirst(Caller.SchemeClaim)?.Value;
}
