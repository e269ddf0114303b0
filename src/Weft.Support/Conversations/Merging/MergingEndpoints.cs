using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Weft.Platform.Web.Security;

namespace Weft.Support.Conversations.Merging;

internal static class MergingEndpoints
{
    public static void MapMerging(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/support/conversations").WithTags("Support conversations").RequireAuthorization(SupportPermissions.Answer);
        group.MapPost("/{id:long}/merge", (HttpContext http, ConversationMerges merges, long id, MergeRequest body) =>
            merges.MergeAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, id, body, http.RequestAborted));
        group.MapPost("/{id:long}/split", async (HttpContext http, ConversationMerges merges, long id, SplitRequest body) =>
        {
            var split = await merges.SplitAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, id, body, http.RequestAborted);
            return TypedResults.Created($"/api/v1/support/conversations/{split.Conversation.Conversation.Id}", split);
        });
    }
}
