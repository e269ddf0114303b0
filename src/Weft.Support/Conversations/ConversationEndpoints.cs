using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Weft.Platform.Web.Security;

namespace Weft.Support.Conversations;

internal static class ConversationEndpoints
{
    public static void MapConversations(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/support/conversations").WithTags("Support conversations").RequireAuthorization(SupportPermissions.Read);
        group.MapGet("", (HttpContext http, Conversations all, string? status, string? assignee, long? customer, int? limit, string? cursor) =>
            all.ListAsync(http.User.TenantOf()!.Value, status, assignee, customer, limit, cursor, http.RequestAborted));
        group.MapPost("", async (HttpContext http, Conversations all, StartConversationRequest body) =>
        {
            var started = await all.StartAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, body, http.RequestAborted);
            return TypedResults.Created($"/api/v1/support/conversations/{started.Conversation.Id}", started);
        }).RequireAuthorization(SupportPermissions.Answer);
        group.MapGet("/{id:long}", (HttpContext http, Conversations all, long id, long? after) =>
            all.GetAsync(http.User.TenantOf()!.Value, id, after, http.RequestAborted));
        group.MapPost("/{id:long}/messages", async (HttpContext http, Conversations all, long id, AddMessageRequest body) =>
        {
            var message = await all.AddMessageAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, http.User.AgentOf(), id, body, http.RequestAborted);
            return TypedResults.Created($"/api/v1/support/conversations/{id}?after={message.Id - 1}", message);
        }).RequireAuthorization(SupportPermissions.Answer);
        group.MapPost("/{id:long}/status", (HttpContext http, Conversations all, long id, ChangeStatusRequest body) =>
            all.ChangeStatusAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, id, body, http.RequestAborted))
            .RequireAuthorization(SupportPermissions.Answer);
    }
}
