using Weft.Identity.Persistence;
using Weft.Platform.Errors;

namespace Weft.Identity.Users;

internal static class UserMapping
{
    public static UserDto ToDto(this UserRecord u) =>
        new(u.Id, u.Email, u.Name, u.Role, u.AgentKey, u.Disabled, u.LockedUntil, u.CreatedAt, u.UpdatedAt, u.LastSignInAt, u.Version);

    public static WeftException NotFound(long id) => WeftException.NotFound("user_not_found", $"User {id} does not exist.");
}
