using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Weft.Platform.Web.Security;

namespace Weft.Support.Macros;

internal static class MacroEndpoints
{
    public static void MapMacros(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/support/macros").WithTags("Support macros").RequireAuthorization(SupportPermissions.Read);
        group.MapGet("", (HttpContext http, Macros macros) => macros.ListAsync(http.User.TenantOf()!.Value, http.RequestAborted));
        group.MapGet("/{id:long}", (HttpContext http, Macros macros, long id) => macros.GetAsync(http.User.TenantOf()!.Value, id, http.RequestAborted));
        group.MapPost("", async (HttpContext http, Macros macros, MacroRequest body) =>
        {
            var created = await macros.CreateAsync(http.User.TenantOf()!.Value, body, http.RequestAborted);
            return TypedResults.Created($"/api/v1/support/macros/{created.Id}", created);
        }).RequireAuthorization(SupportPermissions.Manage);
        group.MapPut("/{id:long}", (HttpContext http, Macros macros, long id, MacroRequest body) =>
            macros.UpdateAsync(http.User.TenantOf()!.Value, id, body, http.RequestAborted)).RequireAuthorization(SupportPermissions.Manage);
        group.MapDelete("/{id:long}", async (HttpContext http, Macros macros, long id) =>
        {
            await macros.DeleteAsync(http.User.TenantOf()!.Value, id, http.RequestAborted);
            return TypedResults.NoContent();
        }).RequireAuthorization(SupportPermissions.Manage);

        var applying = app.MapGroup("/api/v1/support/conversations/{id:long}/macros").WithTags("Support macros").RequireAuthorization(SupportPermissions.Read);
        applying.MapGet("/{macroId:long}/preview", (HttpContext http, Macros macros, long id, long macroId) =>
            macros.PreviewAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, http.User.AgentOf(), id, macroId, http.RequestAborted));
        applying.MapPost("/{macroId:long}", (HttpContext http, Macros macros, long id, long macroId, ApplyMacroRequest? body) =>
            macros.ApplyAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, http.User.AgentOf(), id, macroId, body ?? new ApplyMacroRequest(null, null, null),
                http.RequestAborted)).RequireAuthorization(SupportPermissions.Answer);
    }
}
