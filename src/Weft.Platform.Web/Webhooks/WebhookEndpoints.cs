using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Weft.Platform.Web.Security;
using Weft.Platform.Webhooks;

namespace Weft.Platform.Web.Webhooks;

/// <summary>The tenant's outgoing webhooks: subscriptions, their secrets and test pings, and the deliveries' log with replay.</summary>
internal static class WebhookEndpoints
{
    public static void MapWebhooks(this IEndpointRouteBuilder app)
    {
        var hooks = app.MapGroup("/api/v1/webhooks").WithTags("Webhooks").RequireAuthorization(PlatformPermissions.Admin);
        hooks.MapGet("", (HttpContext http, WebhookSubscriptions subscriptions, int? limit, string? cursor) =>
            subscriptions.ListAsync(Tenant(http), limit, cursor, http.RequestAborted));
        hooks.MapPost("", async (HttpContext http, WebhookSubscriptions subscriptions, WebhookSubscriptionRequest body) =>
        {
            var made = await subscriptions.CreateAsync(Tenant(http), Actor(http), body, http.RequestAborted);
            return TypedResults.Created($"/api/v1/webhooks/{made.Subscription.Id}", made);
        });
        hooks.MapGet("/events", (WebhookSubscriptions subscriptions) => subscriptions.Events);
        hooks.MapGet("/{id:long}", (HttpContext http, WebhookSubscriptions subscriptions, long id) =>
            subscriptions.GetAsync(Tenant(http), id, http.RequestAborted));
        hooks.MapPut("/{id:long}", (HttpContext http, WebhookSubscriptions subscriptions, long id, WebhookSubscriptionRequest body) =>
            subscriptions.UpdateAsync(Tenant(http), Actor(http), id, body, http.RequestAborted));
        hooks.MapDelete("/{id:long}", (HttpContext http, WebhookSubscriptions subscriptions, long id) =>
            subscriptions.DeleteAsync(Tenant(http), Actor(http), id, http.RequestAborted));
        hooks.MapPost("/{id:long}/rotate-secret", (HttpContext http, WebhookSubscriptions subscriptions, long id) =>
            subscriptions.RotateSecretAsync(Tenant(http), Actor(http), id, http.RequestAborted));
        hooks.MapPost("/{id:long}/ping", async (HttpContext http, WebhookSubscriptions subscriptions, long id) =>
        {
            var delivery = await subscriptions.PingAsync(Tenant(http), Actor(http), id, http.RequestAborted);
            return TypedResults.Accepted($"/api/v1/webhooks/deliveries/{delivery.Id}", delivery);
        });

        hooks.MapGet("/deliveries", (HttpContext http, WebhookDeliveries deliveries, long? subscription, string? state, int? limit, string? cursor) =>
            deliveries.ListAsync(Tenant(http), subscription, state, limit, cursor, http.RequestAborted));
        hooks.MapGet("/deliveries/{id:long}", (HttpContext http, WebhookDeliveries deliveries, long id) =>
            deliveries.GetAsync(Tenant(http), id, http.RequestAborted));
        hooks.MapGet("/deliveries/{id:long}/attempts", (HttpContext http, WebhookDeliveries deliveries, long id) =>
            deliveries.AttemptsAsync(Tenant(http), id, http.RequestAborted));
        hooks.MapPost("/deliveries/{id:long}/replay", async (HttpContext http, WebhookDeliveries deliveries, long id) =>
        {
            var delivery = await deliveries.ReplayAsync(Tenant(http), Actor(http), id, http.RequestAborted);
            return TypedResults.Accepted($"/api/v1/webhooks/deliveries/{delivery.Id}", delivery);
        });
    }

    private static long Tenant(HttpContext http) => http.User.TenantOf() ?? throw new InvalidOperationException("No tenant.");

    private static string Actor(HttpContext http) => http.User.ActorOf() ?? throw new InvalidOperationException("No actor.");
}
