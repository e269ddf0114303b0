namespace Weft.Identity.Users;

/// <summary>
/// A new person: <paramref name="Agent"/> links an agent that exists; <paramref name="NewAgent"/> registers
/// a person agent for them in the same transaction (one or the other).
/// </summary>
public sealed record CreateUserRequest(string? Email, string? Name, string? Role, string? Password, string? Agent, NewAgentRequest? NewAgent = null);

/// <summary>The agent registered with a new user: its key, name (the user's by default), capabilities and WIP limit.</summary>
public sealed record NewAgentRequest(string? Key, string? Name, IReadOnlyList<Weft.Flow.Contracts.CapabilityDto>? Capabilities, int? WipLimit);

public sealed record UpdateUserRequest(string? Name, string? Role, string? Agent, bool? Disabled, string? Password, int? Version);

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);
