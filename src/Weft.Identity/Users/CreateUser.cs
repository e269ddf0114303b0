using Microsoft.EntityFrameworkCore;
using Weft.Flow;
using Weft.Flow.Contracts;
using Weft.Identity.Audit;
using Weft.Identity.Persistence;
using Weft.Platform.Errors;
using Weft.Platform.Persistence;
using Weft.Platform.Web.Security;

namespace Weft.Identity.Users;

/// <summary>
/// An admin adds a person to the tenant, with a role, a first password and the agent they act as:
/// an existing one, or a new one registered in the engine in the same transaction as the user (both
/// are made, or neither).
/// </summary>
internal sealed class CreateUser(IdentityDb data, Passwords passwords, AgentLinks agents, FlowEngines engines)
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
        if (request.Agent is not null && request.NewAgent is not null) errors["newAgent"] = ["Give 'agent' (an existing agent) or 'newAgent', not both."];
        if (request.NewAgent is not null) errors.RequireKey(request.NewAgent.Key, "newAgent.key");
        errors.ThrowIfAny();
        return CreateAsync(tenant, actor, request, email!, ct);
    }

    private async Task<UserDto> CreateAsync(long tenant, string actor, CreateUserRequest request, string email, CancellationToken ct)
    {
        if (request.Agent is not null) await agents.RequireAsync(tenant, request.Agent, ct);
        return await data.ChangeAsync(tenant, async (db, unit) =>
        {
            var agent = request.Agent;
            if (request.NewAgent is { } newAgent)
            {
                agent = newAgent.Key;
                await RegisterAgentAsync(tenant, actor, newAgent, request.Name ?? email, unit, ct);
            }
            if (await db.Logins.AnyAsync(l => l.Email == email, ct))
                throw WeftException.Conflict("email_taken", $"'{email}' already has an account.");
            if (agent is not null && await db.Users.AnyAsync(u => u.AgentKey == agent, ct))
                throw WeftException.Conflict("agent_already_linked", $"Agent '{agent}' is already linked to another user.");
            var user = new UserRecord
            {
                Email = email,
                Name = string.IsNullOrWhiteSpace(request.Name) ? email : request.Name,
                Role = request.Role!,
                AgentKey = agent,
                SecurityStamp = Passwords.NewStamp(),
                CreatedAt = data.Now,
                UpdatedAt = data.Now,
            };
            user.PasswordHash = passwords.Hash(user, request.Password!);
            db.Users.Add(user);
            await db.SaveChangesAsync(ct);
            db.Logins.Add(new LoginRecord { Email = user.Email, TenantId = tenant, UserId = user.Id });
            AuditTrail.Record(db, data.Now, actor, "user_created", new { user = user.Email, role = user.Role, agent = user.AgentKey, newAgent = request.NewAgent is not null });
            await db.SaveChangesAsync(ct);
            return user.ToDto();
        }, ct);
    }

    /// <summary>The engine registers the agent inside this command's unit of work: it is rolled back if the user is refused.</summary>
    private async Task RegisterAgentAsync(long tenant, string actor, NewAgentRequest agent, string name, UnitOfWork unit, CancellationToken ct)
    {
        try
        {
            await engines.For(tenant).Agents.RegisterAgentAsync(new CommandContext(actor) { Unit = unit },
                new RegisterAgentRequest(agent.Key, agent.Name ?? name, "person", agent.Capabilities ?? [], agent.WipLimit, AgentStatuses.Available), ct);
        }
        catch (WeftException e) when (e.Details is IReadOnlyDictionary<string, string[]> fields)
        {
            // The engine names its own fields; here they are the new agent's.
            var errors = new FieldErrors();
            foreach (var (field, messages) in fields) errors["newAgent." + field] = messages;
            errors.ThrowIfAny();
        }
    }
}
