using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Weft.Platform.Web.Security;

namespace Weft.AI.Personas;

internal static class PersonaEndpoints
{
    public static void MapPersonas(this IEndpointRouteBuilder app)
    {
        var persona = app.MapGroup("/api/v1/ai/agents/{key}/persona").WithTags("AI personas").RequireAuthorization(AiPermissions.Read);
        persona.MapGet("", (HttpContext http, PersonaVersions personas, string key) => personas.GetAsync(http.User.TenantOf()!.Value, key, http.RequestAborted));
        persona.MapPut("/draft", (HttpContext http, PersonaVersions personas, string key, SaveDraftRequest body) =>
            personas.SaveDraftAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, key, body, http.RequestAborted)).RequireAuthorization(AiPermissions.Manage);
        persona.MapPost("/publish", (HttpContext http, PersonaVersions personas, string key, PublishPersonaRequest body) =>
            personas.PublishAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, key, body, http.RequestAborted)).RequireAuthorization(AiPermissions.Manage);
        persona.MapPost("/versions/{number:int}/activate", (HttpContext http, PersonaVersions personas, string key, int number) =>
            personas.ActivateAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, key, number, http.RequestAborted)).RequireAuthorization(AiPermissions.Manage);
        persona.MapGet("/diff", (HttpContext http, PersonaVersions personas, string key, string from, string to) =>
            personas.DiffAsync(http.User.TenantOf()!.Value, key, from, to, http.RequestAborted));
    }
}
