using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Weft.Market.Organizations;
using Weft.Platform.Web.Security;

namespace Weft.Market.Onboarding;

internal static class ApplicationEndpoints
{
    public static void MapApplications(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/market/applications").WithTags("Market onboarding").RequireAuthorization(MarketPermissions.Read);
        group.MapGet("", async (HttpContext http, Applications applications, string? state, int? limit, string? cursor) =>
            await applications.ListAsync(http.Tenant(), await http.ViewerAsync(), state, limit, cursor, http.RequestAborted))
            .WithDescription("The staff's verification queue (all applications), or a supplier's own applications.");
        group.MapGet("/{id:long}", async (HttpContext http, Applications applications, long id) =>
            await applications.GetAsync(http.Tenant(), await http.ViewerAsync(), id, http.RequestAborted));
        group.MapPost("", async (HttpContext http, Applications applications, ApplicationRequest body) =>
        {
            var created = await applications.ApplyAsync(http.Tenant(), await http.ViewerAsync(), http.User.ActorOf()!, body, http.RequestAborted);
            return TypedResults.Created($"/api/v1/market/applications/{created.Id}", created);
        }).RequireAuthorization(MarketPermissions.Trade);
        group.MapPost("/{id:long}/check", async (HttpContext http, Applications applications, long id, DocumentCheckRequest body) =>
            await applications.CheckAsync(http.Tenant(), await http.ViewerAsync(), http.User.ActorOf()!, http.User.AgentOf(), id, body, http.RequestAborted))
            .RequireAuthorization(MarketPermissions.Operate);
        group.MapPost("/{id:long}/decision", async (HttpContext http, Applications applications, long id, DecisionRequest body) =>
            await applications.DecideAsync(http.Tenant(), await http.ViewerAsync(), http.User.ActorOf()!, http.User.AgentOf(), id, body, http.RequestAborted))
            .RequireAuthorization(MarketPermissions.Operate);
    }
}
