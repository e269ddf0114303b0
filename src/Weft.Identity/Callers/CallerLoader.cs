using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Weft.Identity.ApiKeys;
using Weft.Identity.Persistence;
using Weft.Platform.Persistence;
using Weft.Platform.Web.Security;

namespace Weft.Identity.Callers;

/// <summary>
/// Turns what a request presents (a session's or token's subject and stamp, an API key) into the
/// caller as the database knows them now: enabled, same password stamp, key neither revoked nor expired.
/// </summary>
internal sealed class CallerLoader(IdentityDb data, PermissionCatalog permissions, ApiKeyCache cache)
{
    // Asked on every request a program or a signed-in person sends: compiled once (ADR 0011).
    private static readonly PerModel<Func<IdentityDbContext, long, Task<UserRecord?>>> userById = new(() =>
        EF.CompileAsyncQuery((IdentityDbContext db, long id) => db.Users.AsNoTracking().FirstOrDefault(u => u.Id == id)));

    private static readonly PerModel<Func<IdentityDbContext, long, Task<ApiKeyRecord?>>> keyById = new(() =>
        EF.CompileAsyncQuery((IdentityDbContext db, long id) => db.ApiKeys.AsNoTracking().FirstOrDefault(k => k.Id == id)));

    /// <summary>The caller a session or token names, if it is still valid: the user exists, is enabled and has the same stamp.</summary>
    public async Task<Caller?> LoadAsync(long tenant, string subject, string? stamp, CancellationToken ct = default)
    {
        if (tenant <= 0 || subject.Length < 3) return null;
        if (!long.TryParse(subject.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return null;
        await using var db = await data.OpenAsync(tenant, ct);
        if (subject.StartsWith("u:", StringComparison.Ordinal))
        {
            var user = await userById.For(db)(db, id);
            return user is null || user.Disabled || user.SecurityStamp != stamp ? null : Of(user);
        }
        if (subject.StartsWith("k:", StringComparison.Ordinal))
        {
            var key = await keyById.For(db)(db, id);
            return key is null || !IsLive(key) ? null : Of(key);
        }
        return null;
    }

    /// <summary>Checks an API key as sent by a program: <c>wk.{tenant}.{id}.{secret}</c>.</summary>
    public async Task<Caller?> AuthenticateKeyAsync(string? presented, CancellationToken ct = default)
    {
        if (!ApiKeyFormat.TryParse(presented, out var tenant, out var id, out var secret)) return null;
        var key = cache.Find(tenant, id);
        if (key is null)
        {
            var generation = cache.Generation(tenant);
            await using var db = await data.OpenAsync(tenant, ct);
            key = await keyById.For(db)(db, id);
            if (key is null) return null;
            cache.Remember(tenant, key, generation);
        }
        if (!IsLive(key)) return null;
        var hash = ApiKeyFormat.Hash(secret);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(hash), Encoding.ASCII.GetBytes(key.SecretHash))
            ? Of(key)
            : null;
    }

    private bool IsLive(ApiKeyRecord key) => key.RevokedAt is null && (key.ExpiresAt is not { } e || e > data.Now);

    public Caller Of(UserRecord u) =>
        new(u.TenantId, Caller.UserSubject(u.Id), u.Email, u.AgentKey, u.Role, permissions.OfRole(u.Role), u.SecurityStamp);

    private Caller Of(ApiKeyRecord k)
    {
        var actor = $"api-key:{k.Id}:{k.Name}";
        return new(k.TenantId, Caller.KeySubject(k.Id), actor.Length > 256 ? actor[..256] : actor, k.AgentKey, null,
            permissions.OfScopes(ApiKeyFormat.SplitScopes(k.Scopes)), "");
    }
}
