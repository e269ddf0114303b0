using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Weft.Platform.Events;
using Weft.Platform.Web.Security;

namespace Weft.Platform.Web.Events;

/// <summary>The tenant's integration event deliveries: admins see the parked ones and retry or dismiss them.</summary>
internal static class EventDeliveryEndpoints
{
    public static void MapEventDeliveries(this IEndpointRouteBuilder app)
    {
        var deliveries = app.MapGroup("/api/v1/event-deliveries").WithTags("Integration events").RequireAuthorization(PlatformPermissions.Admin);
        deliveries.MapGet("", (HttpContext http, EventDeliveries events, string? state, int? limit, string? cursor) =>
            events.ListAsync(Tenant(http), state, limit, cursor, http.RequestAborted));
        deliveries.MapPost("/{id:long}/retry", (HttpContext http, EventDeliveries events, long id) =>
            events.RetryAsync(Tenant(http), id, http.User.ActorOf()!, http.RequestAborted));
        deliveries.MapPost("/{id:long}/dismiss", (HttpContext http, EventDeliveries events, long id) =>
            events.DismissAsync(Tenant(http), id, http.User.ActorOf()!, http.RequestAborted));
    }

    private static long Tenant(HttpContext http) => http.User.TenantOf() ?? throw new InvalidOperationException("No tenant.");
}
