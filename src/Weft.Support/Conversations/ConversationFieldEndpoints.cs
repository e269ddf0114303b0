using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Weft.Platform.Web.Security;

namespace Weft.Support.Conversations;

internal static class ConversationFieldEndpoints
{
    public static void MapConversationFields(this IEndpointRouteBuilder app) =>
        app.MapPatch("/api/v1/support/conversations/{id:long}", (HttpContext http, ConversationFields fields, long id, EditConversationRequest body) =>
            fields.EditAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, id, body, http.RequestAborted))
            .WithTags("Support conversations").RequireAuthorization(SupportPermissions.Read).RequireAuthorization(SupportPermissions.Answer);
}
