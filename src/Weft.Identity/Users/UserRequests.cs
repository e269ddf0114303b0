namespace Weft.Identity.Users;

public sealed record CreateUserRequest(string? Email, string? Name, string? Role, string? Password, string? Agent);

public sealed record UpdateUserRequest(string? Name, string? Role, string? Agent, bool? Disabled, string? Password, int? Version);

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);
