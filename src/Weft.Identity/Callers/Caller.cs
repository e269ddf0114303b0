using System.Globalization;
using System.Security.Claims;
using Weft.Platform.Web.Security;

namespace Weft.Identity.Callers;

/// <summary>
/// Who is calling, loaded fresh from the database on every request (so a role change, a revoked key
/// or a changed password takes effect at once), as claims on the request's principal.
/// </summary>
internal sealed record Caller(long TenantId, string Subject, string Actor, string? Agent, string? Role, IReadOnlyList<string> Permissions, string Stamp)
{
    public static string UserSubject(long id) => "u:" + id.ToString(CultureInfo.InvariantCulture);
    public static string KeySubject(long id) => "k:" + id.ToString(CultureInfo.InvariantCulture);

    public bool IsUser => Subject.StartsWith("u:", StringComparison.Ordinal);

    /// <summary>The user id of a person caller.</summary>
    public long UserId => IsUser ? long.Parse(Subject.AsSpan(2), CultureInfo.InvariantCulture) : throw new InvalidOperationException("Not a person.");

    public ClaimsPrincipal ToPrincipal(string scheme)
    {
        var claims = new List<Claim>
        {
            new(WeftClaims.Subject, Subject),
            new(ClaimTypes.NameIdentifier, Subject),
            new(WeftClaims.Tenant, TenantId.ToString(CultureInfo.InvariantCulture)),
            new(WeftClaims.Stamp, Stamp),
            new(WeftClaims.Actor, Actor),
            new(ClaimTypes.Name, Actor),
            new(WeftClaims.Scheme, scheme),
        };
        if (Agent is not null) claims.Add(new Claim(WeftClaims.Agent, Agent));
        if (Role is not null) claims.Add(new Claim(ClaimTypes.Role, Role));
        claims.AddRange(Permissions.Select(p => new Claim(WeftClaims.Permission, p)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }
}
