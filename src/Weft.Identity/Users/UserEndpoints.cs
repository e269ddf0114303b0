using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Weft.Identity.SigningIn;
using Weft.Platform.Web.Security;

namespace Weft.Identity.Users;

internal static class UserEndpoints
{
    public static void MapUsers(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/v1/users").WithTags("Users").RequireAuthorization(PlatformPermissions.Admin);
        users.MapGet("", (HttpContext http, UserQueries users, int? limit, string? cursor) =>
            users.ListAsync(SignInEndpoints.TenantOf(http), limit, cursor, http.RequestAborted));
        users.MapPost("", async (HttpContext http, CreateUser create, CreateUserRequest body) =>
        {
            var user = await create.HandleAsync(SignInEndpoints.TenantOf(http), http.User.ActorOf()!, body, http.RequestAborted);
            return TypedResults.Created($"/api/v1/users/{user.Id}", user);
        });
        users.MapGet("/{id:long}", (HttpContext http, UserQueries users, long id) =>
            users.GetAsync(SignInEndpoints.TenantOf(http), id, http.RequestAborted));
        users.MapPatch("/{id:long}", (HttpContext http, UpdateUser update, long id, UpdateUserRequest body) =>
            update.HandleAsync(SignInEndpoints.TenantOf(http), http.User.ActorOf()!, id, body, http.RequestAborted));
    }
}
