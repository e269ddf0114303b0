using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Weft.Platform.Web.Security;
using Weft.Support.Answering;

namespace Weft.Support.Live;

/// <summary>
/// Presence over the API, for clients other than the workspace page: say you have a conversation open (and whether you
/// are writing) at least every <see cref="SupportPresence.Expiry"/>, read who else has, and leave.
/// </summary>
internal static class PresenceEndpoints
{
    public static void MapPresence(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/support/conversations/{id:long}/presence").WithTags("Support conversations").RequireAuthorization(SupportPermissions.Read);
        group.MapGet("", (HttpContext http, SupportPresence presence, long id) =>
            new PresenceDto(id, presence.Others(http.User.TenantOf()!.Value, id, Person(http))));
        group.MapPut("", async (HttpContext http, SupportPresence presence, Turns turns, Conversations.Conversations all, long id, PresenceRequest? body) =>
        {
            var tenant = http.User.TenantOf()!.Value;
            // Only a conversation that exists can be there to see.
            await all.GetAsync(tenant, id, long.MaxValue, http.RequestAborted);
            var name = await turns.NameOfAsync(tenant, http.User.AgentOf(), http.User.ActorOf()!, http.RequestAborted);
            presence.Here(tenant, id, Session(http), Person(http), name, body?.Typing ?? false);
            return new PresenceDto(id, presence.Others(tenant, id, Person(http)));
        });
        group.MapDelete("", (HttpContext http, SupportPresence presence, long id) =>
        {
            presence.Leave(http.User.TenantOf()!.Value, id, Session(http));
            return TypedResults.NoContent();
        });
    }

    /// <summary>Who a caller is to the others: their agent, else who they signed in as.</summary>
    public static string Person(HttpContext http) => http.User.AgentOf() ?? http.User.ActorOf()!;

    private static string Session(HttpContext http) => "api:" + http.User.ActorOf();
}
