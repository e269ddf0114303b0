namespace Weft.Identity.Users;

public sealed record UserDto(
    long Id, string Email, string Name, string Role, string? Agent, bool Disabled, DateTime? LockedUntil,
    DateTime CreatedAt, DateTime UpdatedAt, DateTime? LastSignInAt, int Version);
