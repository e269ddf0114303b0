using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Weft.Market.Organizations;

internal static class OrganizationEndpoints
{
    public static void MapOrganizations(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/market/me", async (HttpContext http, Organizations organizations) =>
            await organizations.MeAsync(http.Tenant(), await http.ViewerAsync(), http.RequestAborted))
            .WithTags("Market organizations").RequireAuthorization(MarketPermissions.Read);

        var group = app.MapGroup("/api/v1/market/organizations").WithTags("Market organizations").RequireAuthorization(MarketPermissions.Read);
        group.MapGet("", async (HttpContext http, Organizations organizations, string? kind, string? q, int? limit, string? cursor) =>
            await organizations.ListAsync(http.Tenant(), await http.ViewerAsync(), kind, q, limit, cursor, http.RequestAborted));
        group.MapGet("/{id:long}", async (HttpContext http, Organizations organizations, long id) =>
            await organizations.GetAsync(http.Tenant(), await http.ViewerAsync(), id, http.RequestAborted));
        group.MapPost("", async (HttpContext http, Organizations organizations, OrganizationRequest body) =>
        {
            var created = await organizations.CreateAsync(http.Tenant(), await http.ViewerAsync(), body, http.RequestAborted);
            return TypedResults.Created($"/api/v1/market/organizations/{created.Id}", created);
        }).RequireAuthorization(MarketPermissions.Operate);
        group.MapPut("/{id:long}", async (HttpContext http, Organizations organizations, long id, OrganizationRequest body) =>
            await organizations.UpdateAsync(http.Tenant(), await http.ViewerAsync(), id, body, http.RequestAborted)).RequireAuthorization(MarketPermissions.Trade);
        group.MapGet("/{id:long}/members", async (HttpContext http, Organizations organizations, long id) =>
            await organizations.MembersAsync(http.Tenant(), await http.ViewerAsync(), id, http.RequestAborted));
        group.MapPost("/{id:long}/members", async (HttpContext http, Organizations organizations, long id, AddMemberRequest body) =>
            await organizations.AddMemberAsync(http.Tenant(), await http.ViewerAsync(), id, body, http.RequestAborted)).RequireAuthorization(MarketPermissions.Trade);
        group.MapDelete("/{id:long}/members/{userId:long}", async (HttpContext http, Organizations organizations, long id, long userId) =>
        {
            await organizations.RemoveMemberAsync(http.Tenant(), await http.ViewerAsync(), id, userId, http.RequestAborted);
            return TypedResults.NoContent();
        }).RequireAuthorization(MarketPermissions.Trade);
    }
}
