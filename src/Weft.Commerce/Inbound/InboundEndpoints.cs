using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Weft.Commerce.Purchasing;
using Weft.Platform.Web.Security;

namespace Weft.Commerce.Inbound;

/// <summary>Advance shipping notices and their inbound flow (receive, inspect, put away), supplier returns, and inbound's rules.</summary>
internal static class InboundEndpoints
{
    public static void MapInbound(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/commerce").WithTags("Commerce").RequireAuthorization(CommercePermissions.Read);

        api.MapGet("/asns", (HttpContext http, Asns asns, string? state, int? limit, string? cursor) =>
            asns.ListAsync(http.User.TenantOf()!.Value, state, limit, cursor, http.RequestAborted));
        api.MapGet("/asns/{id:long}", (HttpContext http, Asns asns, long id) => asns.GetAsync(http.User.TenantOf()!.Value, id, http.RequestAborted));
        api.MapPost("/asns", async (HttpContext http, Asns asns, CreateAsnRequest body) =>
        {
            var created = await asns.CreateAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, body, http.RequestAborted);
            return TypedResults.Created($"/api/v1/commerce/asns/{created.Id}", created);
        }).RequireAuthorization(CommercePermissions.Purchase);
        api.MapPost("/asns/{id:long}/receive", (HttpContext http, Asns asns, long id, ReceiveRequest body) =>
            asns.ReceiveAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, http.User.AgentOf(), id, body, http.RequestAborted))
            .RequireAuthorization(CommercePermissions.Move);
        api.MapPost("/asns/{id:long}/inspect", (HttpContext http, Asns asns, long id, InspectRequest body) =>
            asns.InspectAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, http.User.AgentOf(), id, body, http.RequestAborted))
            .RequireAuthorization(CommercePermissions.Move);
        api.MapPost("/asns/{id:long}/putaways/{task:long}/confirm", (HttpContext http, Asns asns, long id, long task, ConfirmPutawayRequest body) =>
            asns.ConfirmPutawayAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, http.User.AgentOf(), id, task, body, http.RequestAborted))
            .RequireAuthorization(CommercePermissions.Move);

        api.MapGet("/supplier-returns", (HttpContext http, Asns asns, string? state) => asns.ReturnsAsync(http.User.TenantOf()!.Value, state, http.RequestAborted));
        api.MapPost("/supplier-returns/{id:long}/ship", (HttpContext http, Asns asns, long id, PurchaseOrderCommand body) =>
            asns.ShipReturnAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, id, body.Version, http.RequestAborted)).RequireAuthorization(CommercePermissions.Move);

        api.MapGet("/products/{key}/qc-rule", (HttpContext http, InboundRules rules, string key) => rules.GetQcRuleAsync(http.User.TenantOf()!.Value, key, http.RequestAborted));
        api.MapPut("/products/{key}/qc-rule", (HttpContext http, InboundRules rules, string key, QcRuleRequest body) =>
            rules.SetQcRuleAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, key, body, http.RequestAborted)).RequireAuthorization(CommercePermissions.Manage);
        api.MapGet("/putaway-rules", (HttpContext http, InboundRules rules) => rules.ListPutawayRulesAsync(http.User.TenantOf()!.Value, http.RequestAborted));
        api.MapPut("/putaway-rules", (HttpContext http, InboundRules rules, PutawayRuleRequest body) =>
            rules.SetPutawayRuleAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, body, http.RequestAborted)).RequireAuthorization(CommercePermissions.Manage);
    }
}
