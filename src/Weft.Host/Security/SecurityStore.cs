using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Weft.Flow;
using Weft.Flow.Contracts;
using Weft.Platform.Errors;
using Weft.Platform.Persistence;
using Weft.Platform.Paging;

namespace Weft.Host.Security;

public sealed record TokenRequest(string? Email, string? Password, string? ApiKey);
public sealed record TokenResponse(string AccessToken, DateTime ExpiresAt, string TokenType);
public sealed record CreateUserRequest(string? Email, string? Name, string? Role, string? Password, string? Agent);
public sealed record UpdateUserRequest(string? Name, string? Role, string? Agent, bool? Disabled, string? Password, int? Version);
public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);
public sealed record CreateApiKeyRequest(string? Name, IReadOnlyList<string>? Scopes, string? Agent, DateTime? ExpiresAt);
public sealed record UserDto(
    long Id, string Email, string Name, string Role, string? Agent, bool Disabled, DateTime? LockedUntil,
    DateTime CreatedAt, DateTime UpdatedAt, DateTime? LastSignInAt, int Version);
public sealed record ApiKeyDto(
    long Id, string Name, IReadOnlyList<string> Scopes, string? Agent, string Prefix, string CreatedBy,
    DateTime CreatedAt, DateTime? ExpiresAt, DateTime? RevokedAt, string? RevokedBy);
public sealed record NewApiKeyDto(ApiKeyDto ApiKey, string Key);
public sealed record TenantDto(long Id, string Key, string Name, DateTime CreatedAt);
public sealed record MeDto(
    string Kind, long Tenant, string TenantKey, string Actor, string? Email, string? Role, string? Agent,
    IReadOnlyList<string> Permissions, string? AntiforgeryToken);

/// <summary>Limits of sign-in, from <c>Weft:Auth</c>.</summary>
internal sealed record SecurityOptions(int MaxFailedSignIns, TimeSpan Lockout, TimeSpan TokenLifetime, int MinPasswordLength)
{
    public static SecurityOptions From(IConfiguration config) => new(
        config.GetValue("Weft:Auth:MaxFailedSignIns", 5),
        TimeSpan.FromMinutes(config.GetValue("Weft:Auth:LockoutMinutes", 15.0)),
        TimeSpan.FromMinutes(config.GetValue("Weft:Auth:TokenMinutes", 15.0)),
        config.GetValue("Weft:Auth:MinPasswordLength", 10));
}

/// <summary>
/// Tenants, people, API keys and sign-in. Every change is one transaction together with its audit
/// event. Passwords are hashed with ASP.NET Core's password hasher and never logged or returned.
/// </summary>
internal sealed class SecurityStore(
    IDbContextFactory<SecurityDbContext> contexts,
    TimeProvider clock,
    IPasswordHasher<UserRecord> hasher,
    SecurityOptions options,
    FlowEngines engines)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Event types written by this module, which with the engine's own make up the audit trail.</summary>
    public static readonly string[] AuditTypes =
    [
        "tenant_created", "user_signed_in", "sign_in_failed", "user_locked_out", "user_signed_out", "password_changed",
        "user_created", "user_updated", "user_role_changed", "api_key_created", "api_key_revoked", "token_issued",
        "graph_published", "token_cancelled", "inbox_resolved", "agent_registered", "agent_updated",
    ];

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public SecurityOptions Options => options;

    internal async Task<SecurityDbContext> ContextAsync(long tenant = 0, CancellationToken ct = default)
    {
        var db = await contexts.CreateDbContextAsync(ct);
        db.TenantId = tenant;
        return db;
    }

    // ---- Tenants --------------------------------------------------------------------------------

    public async Task<IReadOnlyList<long>> TenantIdsAsync(CancellationToken ct = default)
    {
        await using var db = await ContextAsync(ct: ct);
        return await db.Tenants.OrderBy(t => t.Id).Select(t => t.Id).ToListAsync(ct);
    }

    public async Task<TenantDto?> FindTenantAsync(string key, CancellationToken ct = default)
    {
        await using var db = await ContextAsync(ct: ct);
        var t = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(x => x.Key == key, ct);
        return t is null ? null : new TenantDto(t.Id, t.Key, t.Name, t.CreatedAt);
    }

    public async Task<string> TenantKeyAsync(long id, CancellationToken ct = default)
    {
        await using var db = await ContextAsync(ct: ct);
        return await db.Tenants.Where(t => t.Id == id).Select(t => t.Key).FirstAsync(ct);
    }

    public async Task<bool> AnyUserAsync(CancellationToken ct = default)
    {
        await using var db = await ContextAsync(ct: ct);
        return await db.Logins.AnyAsync(ct);
    }

    public async Task<TenantDto> CreateTenantAsync(string actor, string? key, string? name, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        errors.RequireKey(key, "key");
        if (name is { Length: > 200 }) errors["name"] = ["'name' is at most 200 characters."];
        errors.ThrowIfAny();
        await using var db = await ContextAsync(ct: ct);
        if (await db.Tenants.AnyAsync(t => t.Key == key, ct))
            throw WeftException.Conflict("tenant_exists", $"Tenant '{key}' already exists.");
        var tenant = new TenantRecord { Key = key!, Name = string.IsNullOrWhiteSpace(name) ? key! : name, CreatedAt = Now };
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync(ct);
        await using var scoped = await ContextAsync(tenant.Id, ct);
        Audit(scoped, actor, "tenant_created", new { tenant = tenant.Key, tenant.Name });
        await scoped.SaveChangesAsync(ct);
        return new TenantDto(tenant.Id, tenant.Key, tenant.Name, tenant.CreatedAt);
    }

    // ---- Sign-in --------------------------------------------------------------------------------

    /// <summary>
    /// Checks an email and password. Repeated failures lock the account for a while; while locked,
    /// even the right password is refused. An unknown email costs the same hashing work as a known one.
    /// </summary>
    public Task<Caller> SignInAsync(string? email, string? password, string? from, CancellationToken ct = default) =>
        RetryOnConflictAsync(() => SignInOnceAsync(email, password, from, ct), ct);

    private async Task<Caller> SignInOnceAsync(string? email, string? password, string? from, CancellationToken ct)
    {
        var normalized = NormalizeEmail(email);
        if (normalized is null || string.IsNullOrEmpty(password) || password.Length > 1024)
            throw InvalidCredentials();
        LoginRecord? login;
        await using (var directory = await ContextAsync(ct: ct))
            login = await directory.Logins.AsNoTracking().FirstOrDefaultAsync(l => l.Email == normalized, ct);
        if (login is null)
        {
            hasher.VerifyHashedPassword(new UserRecord(), DummyHash, password);
            throw InvalidCredentials();
        }

        await using var db = await ContextAsync(login.TenantId, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == login.UserId, ct);
        if (user is null || user.Disabled)
        {
            hasher.VerifyHashedPassword(new UserRecord(), DummyHash, password);
            throw InvalidCredentials();
        }
        if (user.LockedUntil is { } until && until > Now)
        {
            Audit(db, user.Email, "sign_in_failed", new { reason = "locked", from });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            throw Locked(until);
        }
        var verdict = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            // Counted in the database, so concurrent attempts cannot slip past the limit.
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.FailedSignIns, u => u.FailedSignIns + 1), ct);
            var failures = await db.Users.Where(u => u.Id == user.Id).Select(u => u.FailedSignIns).FirstAsync(ct);
            Audit(db, user.Email, "sign_in_failed", new { reason = "password", from });
            DateTime? lockedUntil = null;
            if (failures >= options.MaxFailedSignIns)
            {
                lockedUntil = Now + options.Lockout;
                await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(u => u.FailedSignIns, 0)
                    .SetProperty(u => u.LockedUntil, lockedUntil), ct);
                Audit(db, user.Email, "user_locked_out", new { until = lockedUntil, failures, from });
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            throw lockedUntil is { } l ? Locked(l) : InvalidCredentials();
        }
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded) user.PasswordHash = hasher.HashPassword(user, password);
        user.FailedSignIns = 0;
        user.LockedUntil = null;
        user.LastSignInAt = Now;
        Audit(db, user.Email, "user_signed_in", new { from });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return CallerOf(user);
    }

    private static readonly string DummyHash = new PasswordHasher<UserRecord>().HashPassword(new UserRecord(), "not a password of anyone");

    private static WeftException InvalidCredentials() =>
        WeftException.Unauthorized("invalid_credentials", "The email or password is not right.");

    private static WeftException Locked(DateTime until) =>
        WeftException.Unauthorized("account_locked",
            $"Too many failed sign-ins: the account is locked until {until.ToString("u", CultureInfo.InvariantCulture)}.");

    public async Task RecordSignOutAsync(Caller caller, CancellationToken ct = default)
    {
        await using var db = await ContextAsync(caller.TenantId, ct);
        Audit(db, caller.Actor, "user_signed_out", null);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The caller a session or token names, if it is still valid: the user exists, is enabled and has the same stamp.</summary>
    public async Task<Caller?> LoadAsync(long tenant, string subject, string? stamp, CancellationToken ct = default)
    {
        if (tenant <= 0 || subject.Length < 3) return null;
        if (!long.TryParse(subject.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return null;
        await using var db = await ContextAsync(tenant, ct);
        if (subject.StartsWith("u:", StringComparison.Ordinal))
        {
            var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);
            return user is null || user.Disabled || user.SecurityStamp != stamp ? null : CallerOf(user);
        }
        if (subject.StartsWith("k:", StringComparison.Ordinal))
        {
            var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == id, ct);
            return key is null || !IsLive(key) ? null : CallerOf(key);
        }
        return null;
    }

    /// <summary>Checks an API key as sent by a program: <c>wk.{tenant}.{id}.{secret}</c>.</summary>
    public async Task<Caller?> AuthenticateKeyAsync(string? presented, CancellationToken ct = default)
    {
        if (!ApiKeyFormat.TryParse(presented, out var tenant, out var id, out var secret)) return null;
        await using var db = await ContextAsync(tenant, ct);
        var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == id, ct);
        if (key is null || !IsLive(key)) return null;
        var hash = ApiKeyFormat.Hash(secret);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(hash), Encoding.ASCII.GetBytes(key.SecretHash))
            ? CallerOf(key)
            : null;
    }

    private bool IsLive(ApiKeyRecord key) => key.RevokedAt is null && (key.ExpiresAt is not { } e || e > Now);

    private static Caller CallerOf(UserRecord u) =>
        new(u.TenantId, Caller.UserSubject(u.Id), u.Email, u.AgentKey, u.Role, Roles.PermissionsOf(u.Role), u.SecurityStamp);

    private static Caller CallerOf(ApiKeyRecord k)
    {
        var actor = $"api-key:{k.Id}:{k.Name}";
        return new(k.TenantId, Caller.KeySubject(k.Id), actor.Length > 256 ? actor[..256] : actor, k.AgentKey, null,
            Scopes.PermissionsOf(SplitScopes(k.Scopes)), "");
    }

    public Task ChangePasswordAsync(Caller caller, ChangePasswordRequest request, CancellationToken ct = default) =>
        RetryOnConflictAsync(async () =>
        {
            await ChangePasswordOnceAsync(caller, request, ct);
            return true;
        }, ct);

    private async Task ChangePasswordOnceAsync(Caller caller, ChangePasswordRequest request, CancellationToken ct)
    {
        if (!caller.IsUser) throw WeftException.Forbidden("users_only", "Only a person signed in with a password can change it.");
        var id = long.Parse(caller.Subject.AsSpan(2), CultureInfo.InvariantCulture);
        await using var db = await ContextAsync(caller.TenantId, ct);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw UserNotFound(id);
        if (string.IsNullOrEmpty(request.CurrentPassword) || request.CurrentPassword.Length > 1024
            || hasher.VerifyHashedPassword(user, user.PasswordHash, request.CurrentPassword) == PasswordVerificationResult.Failed)
            throw WeftException.Forbidden("wrong_password", "The current password is not right.");
        CheckPassword(request.NewPassword, "newPassword");
        user.PasswordHash = hasher.HashPassword(user, request.NewPassword!);
        user.SecurityStamp = NewStamp();
        user.UpdatedAt = Now;
        Audit(db, caller.Actor, "password_changed", new { user = user.Email });
        await db.SaveChangesAsync(ct);
    }

    // ---- Users ----------------------------------------------------------------------------------

    public async Task<Page<UserDto>> ListUsersAsync(long tenant, int? limit, string? cursor, CancellationToken ct = default)
    {
        var (take, after) = PageCursor.Parse(limit, cursor);
        await using var db = await ContextAsync(tenant, ct);
        var rows = await db.Users.AsNoTracking().Where(u => u.Id > after).OrderBy(u => u.Id).Take(take + 1).ToListAsync(ct);
        return PageCursor.Of(rows, take, u => u.Id, ToDto);
    }

    public async Task<UserDto> GetUserAsync(long tenant, long id, CancellationToken ct = default)
    {
        await using var db = await ContextAsync(tenant, ct);
        return ToDto(await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw UserNotFound(id));
    }

    public Task<UserDto> CreateUserAsync(long tenant, string actor, CreateUserRequest request, CancellationToken ct = default) =>
        RetryOnConflictAsync(() => CreateUserOnceAsync(tenant, actor, request, ct), ct);

    private async Task<UserDto> CreateUserOnceAsync(long tenant, string actor, CreateUserRequest request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var email = NormalizeEmail(request.Email);
        if (email is null) errors["email"] = ["'email' must be an email address of at most 254 characters."];
        if (request.Name is { Length: > 200 }) errors["name"] = ["'name' is at most 200 characters."];
        if (request.Role is null || !Roles.All.Contains(request.Role)) errors["role"] = [$"'role' must be one of: {string.Join(", ", Roles.All)}."];
        if (PasswordProblem(request.Password) is { } p) errors["password"] = [p];
        if (request.Agent is not null) errors.RequireKey(request.Agent, "agent");
        errors.ThrowIfAny();
        if (request.Agent is not null) await RequireAgentAsync(tenant, request.Agent, ct);

        await using var db = await ContextAsync(tenant, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await db.Logins.AnyAsync(l => l.Email == email, ct))
            throw WeftException.Conflict("email_taken", $"'{email}' already has an account.");
        if (request.Agent is not null && await db.Users.AnyAsync(u => u.AgentKey == request.Agent, ct))
            throw WeftException.Conflict("agent_already_linked", $"Agent '{request.Agent}' is already linked to another user.");
        var user = new UserRecord
        {
            Email = email!,
            Name = string.IsNullOrWhiteSpace(request.Name) ? email! : request.Name,
            Role = request.Role!,
            AgentKey = request.Agent,
            SecurityStamp = NewStamp(),
            CreatedAt = Now,
            UpdatedAt = Now,
        };
        user.PasswordHash = hasher.HashPassword(user, request.Password!);
        db.Users.Add(user);
        await db.SaveChangesAsync(ct);
        db.Logins.Add(new LoginRecord { Email = user.Email, TenantId = tenant, UserId = user.Id });
        Audit(db, actor, "user_created", new { user = user.Email, role = user.Role, agent = user.AgentKey });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return ToDto(user);
    }

    public Task<UserDto> UpdateUserAsync(long tenant, string actor, long id, UpdateUserRequest request, CancellationToken ct = default) =>
        RetryOnConflictAsync(() => UpdateUserOnceAsync(tenant, actor, id, request, ct), ct);

    private async Task<UserDto> UpdateUserOnceAsync(long tenant, string actor, long id, UpdateUserRequest request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (request.Name is not null && (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200)) errors["name"] = ["'name' is 1-200 characters."];
        if (request.Role is not null && !Roles.All.Contains(request.Role)) errors["role"] = [$"'role' must be one of: {string.Join(", ", Roles.All)}."];
        if (request.Password is not null && PasswordProblem(request.Password) is { } p) errors["password"] = [p];
        if (request.Agent is { Length: > 0 }) errors.RequireKey(request.Agent, "agent");
        if (request is { Name: null, Role: null, Agent: null, Disabled: null, Password: null })
            errors["body"] = ["Nothing to change: give at least one of name, role, agent, disabled, password."];
        errors.ThrowIfAny();
        if (request.Agent is { Length: > 0 }) await RequireAgentAsync(tenant, request.Agent, ct);

        await using var db = await ContextAsync(tenant, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // The last-admin rule looks at other rows than the one changed: changes to a tenant's users
        // take turns, or two admins demoting each other at once would leave none (SQLite writes take turns anyway).
        if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlAsync($"SELECT id FROM weft_tenants WHERE id = {tenant} FOR UPDATE", ct);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw UserNotFound(id);
        if (request.Version is { } v && v != user.Version)
            throw WeftException.Conflict("stale_version", $"User {id} is at version {user.Version}, not {v}.");
        var losesAdmin = user.Role == Roles.Admin && !user.Disabled
            && ((request.Role is not null && request.Role != Roles.Admin) || request.Disabled == true);
        if (losesAdmin && !await db.Users.AnyAsync(u => u.Id != id && u.Role == Roles.Admin && !u.Disabled, ct))
            throw WeftException.Conflict("last_admin", "This is the tenant's last enabled admin; make another admin first.");
        var agent = request.Agent is null ? user.AgentKey : request.Agent.Length == 0 ? null : request.Agent;
        if (agent is not null && agent != user.AgentKey && await db.Users.AnyAsync(u => u.Id != id && u.AgentKey == agent, ct))
            throw WeftException.Conflict("agent_already_linked", $"Agent '{agent}' is already linked to another user.");

        var oldRole = user.Role;
        var stampChanges = (request.Role is not null && request.Role != user.Role)
            || (request.Disabled is { } d && d != user.Disabled) || request.Password is not null || agent != user.AgentKey;
        if (request.Name is not null) user.Name = request.Name;
        if (request.Role is not null) user.Role = request.Role;
        if (request.Disabled is { } disabled) user.Disabled = disabled;
        if (request.Password is not null)
        {
            user.PasswordHash = hasher.HashPassword(user, request.Password);
            user.FailedSignIns = 0;
            user.LockedUntil = null;
        }
        user.AgentKey = agent;
        if (stampChanges) user.SecurityStamp = NewStamp();
        user.UpdatedAt = Now;
        if (oldRole != user.Role) Audit(db, actor, "user_role_changed", new { user = user.Email, from = oldRole, to = user.Role });
        Audit(db, actor, "user_updated", new
        {
            user = user.Email,
            name = request.Name,
            agent = request.Agent,
            disabled = request.Disabled,
            passwordReset = request.Password is not null ? true : (bool?)null,
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return ToDto(user);
    }

    private async Task RequireAgentAsync(long tenant, string agent, CancellationToken ct)
    {
        try
        {
            await engines.For(tenant).GetAgentAsync(agent, ct);
        }
        catch (WeftException e) when (e.Kind == ErrorKind.NotFound)
        {
            throw WeftException.Rule("agent_not_found", $"Agent '{agent}' does not exist.");
        }
    }

    private static WeftException UserNotFound(long id) => WeftException.NotFound("user_not_found", $"User {id} does not exist.");

    private static UserDto ToDto(UserRecord u) =>
        new(u.Id, u.Email, u.Name, u.Role, u.AgentKey, u.Disabled, u.LockedUntil, u.CreatedAt, u.UpdatedAt, u.LastSignInAt, u.Version);

    // ---- API keys -------------------------------------------------------------------------------

    public async Task<Page<ApiKeyDto>> ListKeysAsync(long tenant, int? limit, string? cursor, CancellationToken ct = default)
    {
        var (take, after) = PageCursor.Parse(limit, cursor);
        await using var db = await ContextAsync(tenant, ct);
        var rows = await db.ApiKeys.AsNoTracking().Where(k => k.Id > after).OrderBy(k => k.Id).Take(take + 1).ToListAsync(ct);
        return PageCursor.Of(rows, take, k => k.Id, ToDto);
    }

    public async Task<ApiKeyDto> GetKeyAsync(long tenant, long id, CancellationToken ct = default)
    {
        await using var db = await ContextAsync(tenant, ct);
        return ToDto(await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == id, ct) ?? throw KeyNotFound(id));
    }

    /// <summary>Creates a key; its secret is in the answer and nowhere else (only its hash is stored).</summary>
    public async Task<NewApiKeyDto> CreateKeyAsync(long tenant, string actor, CreateApiKeyRequest request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200) errors["name"] = ["'name' is 1-200 characters."];
        if (request.Scopes is not { Count: > 0 } scopes || scopes.Any(s => !Scopes.All.Contains(s)))
            errors["scopes"] = [$"'scopes' lists one or more of: {string.Join(", ", Scopes.All)}."];
        if (request.Agent is not null) errors.RequireKey(request.Agent, "agent");
        if (request.ExpiresAt is { } e && e.ToUniversalTime() <= Now) errors["expiresAt"] = ["'expiresAt' must be in the future."];
        errors.ThrowIfAny();
        if (request.Agent is not null) await RequireAgentAsync(tenant, request.Agent, ct);

        var secret = ApiKeyFormat.NewSecret();
        await using var db = await ContextAsync(tenant, ct);
        var key = new ApiKeyRecord
        {
            Name = request.Name!,
            SecretHash = ApiKeyFormat.Hash(secret),
            Scopes = string.Join(' ', request.Scopes!.Distinct()),
            AgentKey = request.Agent,
            CreatedBy = actor,
            CreatedAt = Now,
            ExpiresAt = request.ExpiresAt?.ToUniversalTime(),
        };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(ct);
        Audit(db, actor, "api_key_created", new { id = key.Id, name = key.Name, scopes = SplitScopes(key.Scopes), agent = key.AgentKey });
        await db.SaveChangesAsync(ct);
        return new NewApiKeyDto(ToDto(key), ApiKeyFormat.Compose(tenant, key.Id, secret));
    }

    /// <summary>Revokes a key: it stops working on the next request, on every host. Revoking twice changes nothing.</summary>
    public async Task<ApiKeyDto> RevokeKeyAsync(long tenant, string actor, long id, CancellationToken ct = default)
    {
        await using var db = await ContextAsync(tenant, ct);
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, ct) ?? throw KeyNotFound(id);
        if (key.RevokedAt is null)
        {
            key.RevokedAt = Now;
            key.RevokedBy = actor;
            Audit(db, actor, "api_key_revoked", new { id = key.Id, name = key.Name });
            await db.SaveChangesAsync(ct);
        }
        return ToDto(key);
    }

    private static WeftException KeyNotFound(long id) => WeftException.NotFound("api_key_not_found", $"API key {id} does not exist.");

    private static ApiKeyDto ToDto(ApiKeyRecord k) =>
        new(k.Id, k.Name, SplitScopes(k.Scopes), k.AgentKey, ApiKeyFormat.Prefix(k.TenantId, k.Id), k.CreatedBy, k.CreatedAt, k.ExpiresAt, k.RevokedAt, k.RevokedBy);

    private static string[] SplitScopes(string scopes) => scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    // ---- Shared ---------------------------------------------------------------------------------

    /// <summary>
    /// Runs a change again when a concurrent one came between its checks and its write (a unique
    /// index, a user's version, a serialization failure): the next run's checks give the proper answer.
    /// </summary>
    private static async Task<T> RetryOnConflictAsync<T>(Func<Task<T>> change, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await change();
            }
            catch (Exception e) when (attempt < 10 && Transient.IsTransient(e))
            {
                await Task.Delay(Random.Shared.Next(1, 5 + (attempt * 5)), ct);
            }
        }
    }

    public async Task AuditAsync(long tenant, string actor, string type, object? data, CancellationToken ct = default)
    {
        await using var db = await ContextAsync(tenant, ct);
        Audit(db, actor, type, data);
        await db.SaveChangesAsync(ct);
    }

    private void Audit(SecurityDbContext db, string actor, string type, object? data) =>
        db.Audit.Add(new AuditRecord
        {
            Type = type,
            At = Now,
            Actor = actor.Length > 256 ? actor[..256] : actor,
            DataJson = data is null ? null : JsonSerializer.Serialize(data, Json),
        });

    public static string? NormalizeEmail(string? email)
    {
        if (string.IsNullOrWhiteSpace(email)) return null;
        var e = email.Trim().ToLowerInvariant();
        var at = e.IndexOf('@', StringComparison.Ordinal);
        return e.Length <= 254 && at > 0 && at == e.LastIndexOf('@') && at < e.Length - 1 && !e.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            ? e
            : null;
    }

    public string? PasswordProblem(string? password) =>
        password is null || password.Length < options.MinPasswordLength || password.Length > 256
            ? $"The password must be {options.MinPasswordLength}-256 characters."
            : null;

    private void CheckPassword(string? password, string field)
    {
        if (PasswordProblem(password) is { } p)
            throw WeftException.Invalid("validation_failed", p, new Dictionary<string, string[]> { [field] = [p] });
    }

    private static string NewStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
}

/// <summary>API keys read <c>wk.{tenant}.{id}.{secret}</c>: the id finds the row, the secret proves it.</summary>
internal static class ApiKeyFormat
{
    public static string NewSecret() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Compose(long tenant, long id, string secret) => $"{Prefix(tenant, id)}.{secret}";

    public static string Prefix(long tenant, long id) => string.Create(CultureInfo.InvariantCulture, $"wk.{tenant}.{id}");

    public static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static bool TryParse(string? key, out long tenant, out long id, out string secret)
    {
        tenant = 0;
        id = 0;
        secret = "";
        if (string.IsNullOrEmpty(key) || key.Length > 200) return false;
        var parts = key.Split('.');
        if (parts.Length != 4 || parts[0] != "wk") return false;
        if (!long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out tenant) || tenant <= 0) return false;
        if (!long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out id) || id <= 0) return false;
        secret = parts[3];
        return secret.Length >= 32;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
