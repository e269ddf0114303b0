using Microsoft.EntityFrameworkCore;
using Weft.Identity.Audit;
using Weft.Platform.Errors;
using Weft.Platform.Web.Security;

namespace Weft.Identity.Users;

/// <summary>
/// An admin renames a person, changes their role or agent, disables them or resets their password.
/// A role, status, agent or password change ends the person's sessions and tokens at once.
/// </summary>
internal sealed class UpdateUser(IdentityDb data, Passwords passwords, AgentLinks agents)
{
    public async Task<UserDto> HandleAsync(long tenant, string actor, long id, UpdateUserRequest request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (request.Name is not null && (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200)) errors["name"] = ["'name' is 1-200 characters."];
        if (request.Role is not null && !Roles.All.Contains(request.Role)) errors["role"] = [$"'role' must be one of: {string.Join(", ", Roles.All)}."];
        if (request.Password is not null && passwords.Problem(request.Password) is { } p) errors["password"] = [p];
        if (request.Agent is { Length: > 0 }) errors.RequireKey(request.Agent, "agent");
        if (request is { Name: null, Role: null, Agent: null, Disabled: null, Password: null })
            errors["body"] = ["Nothing to change: give at least one of name, role, agent, disabled, password."];
        errors.ThrowIfAny();
        if (request.Agent is { Length: > 0 }) await agents.RequireAsync(tenant, request.Agent, ct);

        return await data.ChangeAsync(tenant, async (db, _) =>
        {
            // The last-admin rule looks at other rows than the one changed: changes to a tenant's users
            // take turns, or two admins demoting each other at once would leave none (SQLite writes take turns anyway).
            if (db.IsPostgres) await db.Database.ExecuteSqlAsync($"SELECT id FROM identity_tenants WHERE id = {tenant} FOR UPDATE", ct);
            var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw UserMapping.NotFound(id);
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
                user.PasswordHash = passwords.Hash(user, request.Password);
                user.FailedSignIns = 0;
                user.LockedUntil = null;
            }
            user.AgentKey = agent;
            if (stampChanges) user.SecurityStamp = Passwords.NewStamp();
            user.UpdatedAt = data.Now;
            if (oldRole != user.Role) AuditTrail.Record(db, data.Now, actor, "user_role_changed", new { user = user.Email, from = oldRole, to = user.Role });
            AuditTrail.Record(db, data.Now, actor, "user_updated", new
            {
                user = user.Email,
                name = request.Name,
                agent = request.Agent,
                disabled = request.Disabled,
                passwordReset = request.Password is not null ? true : (bool?)null,
            });
            await db.SaveChangesAsync(ct);
            return user.ToDto();
        }, ct);
    }
}
