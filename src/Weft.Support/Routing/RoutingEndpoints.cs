using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Weft.Platform.Web.Security;

namespace Weft.Support.Routing;

internal static class RoutingEndpoints
{
    public static void MapSupportRouting(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/support").WithTags("Support routing").RequireAuthorization(SupportPermissions.Read);
        group.MapGet("/teams", (HttpContext http, Teams teams) => teams.ListAsync(http.User.TenantOf()!.Value, http.RequestAborted));
        group.MapGet("/teams/{key}", (HttpContext http, Teams teams, string key) => teams.GetAsync(http.User.TenantOf()!.Value, key, http.RequestAborted));
        group.MapPut("/teams/{key}", (HttpContext http, Teams teams, string key, TeamRequest body) =>
            teams.PutAsync(http.User.TenantOf()!.Value, key, body, http.RequestAborted)).RequireAuthorization(SupportPermissions.Manage);
        group.MapDelete("/teams/{key}", async (HttpContext http, Teams teams, string key) =>
        {
            await teams.DeleteAsync(http.User.TenantOf()!.Value, key, http.RequestAborted);
            return TypedResults.NoContent();
        }).RequireAuthorization(SupportPermissions.Manage);
        group.MapPut("/teams/{key}/members/{agent}", (HttpContext http, Teams teams, string key, string agent) =>
            teams.AddMemberAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, key, agent, http.RequestAborted)).RequireAuthorization(SupportPermissions.Manage);
        group.MapDelete("/teams/{key}/members/{agent}", (HttpContext http, Teams teams, string key, string agent) =>
            teams.RemoveMemberAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, key, agent, http.RequestAborted)).RequireAuthorization(SupportPermissions.Manage);
        group.MapGet("/routing-rules", (HttpContext http, Teams teams) => teams.ListRulesAsync(http.User.TenantOf()!.Value, http.RequestAborted));
        group.MapPut("/routing-rules/{intent}", (HttpContext http, Teams teams, string intent, RoutingRuleRequest body) =>
            teams.PutRuleAsync(http.User.TenantOf()!.Value, intent, body, http.RequestAborted)).RequireAuthorization(SupportPermissions.Manage);
        group.MapDelete("/routing-rules/{intent}", async (HttpContext http, Teams teams, string intent) =>
        {
            await teams.DeleteRuleAsync(http.User.TenantOf()!.Value, intent, http.RequestAborted);
            return TypedResults.NoContent();
        }).RequireAuthorization(SupportPermissions.Manage);
        group.MapMethods("/conversations/{id:long}/team", [HttpMethods.Patch, HttpMethods.Post],
            (HttpContext http, ConversationTeams conversations, long id, ChangeTeamRequest body) =>
                conversations.ChangeTeamAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, id, body, http.RequestAborted))
            .RequireAuthorization(SupportPermissions.Answer);
    }
}
