using Microsoft.EntityFrameworkCore;
using Weft.Identity.Audit;
using Weft.Identity.Persistence;
using Weft.Platform.Errors;
using Weft.Platform.Web.Security;

namespace Weft.Identity.Users;

/// <summary>An admin adds a person to the tenant, with a role, a first password and optionally the agent they act as.</summary>
internal sealed class CreateUser(IdentityDb data, Passwords passwords, AgentLinks agents)
{
    public Task<UserDto> HandleAsync(long tenant, string actor, CreateUserRequest request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var email = Passwords.NormalizeEmail(request.Email);
        if (email is null) errors["email"] = ["'email' must be an email address of at most 254 characters."];
        if (request.Name is { Length: > 200 }) errors["name"] = ["'name' is at most 200 characters."];
        if (request.Role is null || !Roles.All.Contains(request.Role)) errors["role"] = [$"'role' must be one of: {string.Join(", ", Roles.All)}."];
        if (passwords.Problem(request.Password) is { } p) errors["password"] = [p];
        if (request.Agent is not null) errors.RequireKey(request.Agent, "agent");
        errors.ThrowIfAny();
        return CreateAsync(tenant, actor, request, email!, ct);
    }

    private async Task<UserDto> CreateAsync(long tenant, string actor, CreateUserRequest request, string email, CancellationToken ct)
    {
        if (request.Agent is not null) await agents.RequireAsync(tenant, request.Agent, ct);
        return await data.ChangeAsync(tenant, async (db, _) =>
        {
            if (await db.Logins.AnyAsync(l => l.Email == email, ct))
                throw WeftException.Conflict("email_taken", $"'{email}' already has an account.");
            if (request.Agent is not null && await db.Users.AnyAsync(u => u.AgentKey == request.Agent, ct))
                throw WeftException.Conflict("agent_already_linked", $"Agent '{request.Agent}' is already linked to another user.");
            var user = new UserRecord
            {
                Email = email,
                Name = string.IsNullOrWhiteSpace(request.Name) ? email : request.Name,
                Role = request.Role!,
                AgentKey = request.Agent,
                SecurityStamp = Passwords.NewStamp(),
                CreatedAt = data.Now,
                UpdatedAt = data.Now,
            };
            user.PasswordHash = passwords.Hash(user, request.Password!);
            db.Users.Add(user);
            await db.SaveChangesAsync(ct);
            db.Logins.Add(new LoginRecord { Email = user.Email, TenantId = tenant, UserId = user.Id });
            AuditTrail.Record(db, data.Now, actor, "user_created", new { user = user.Email, role = user.Role, agent = user.AgentKey });
            await db.SaveChangesAsync(ct);
            return user.ToDto();
        }, ct);
    }
}
