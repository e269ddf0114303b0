using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Weft.Platform.Web.Security;

namespace Weft.AI.Models;

internal static class ModelEndpoints
{
    public static void MapModels(this IEndpointRouteBuilder app)
    {
        var models = app.MapGroup("/api/v1/ai/models").WithTags("AI models").RequireAuthorization(AiPermissions.Read);
        models.MapGet("", (HttpContext http, ModelCatalogue catalogue, string? purpose, int? limit, string? cursor) =>
            catalogue.ListAsync(http.User.TenantOf()!.Value, purpose, limit, cursor, http.RequestAborted));
        models.MapGet("/{key}", (HttpContext http, ModelCatalogue catalogue, string key) =>
            catalogue.GetAsync(http.User.TenantOf()!.Value, key, http.RequestAborted));
        models.MapPost("", async (HttpContext http, ModelCatalogue catalogue, CreateModelRequest body) =>
        {
            var model = await catalogue.CreateAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, body, http.RequestAborted);
            return TypedResults.Created($"/api/v1/ai/models/{model.Key}", model);
        }).RequireAuthorization(AiPermissions.Manage);
        models.MapPatch("/{key}", (HttpContext http, ModelCatalogue catalogue, string key, UpdateModelRequest body) =>
            catalogue.UpdateAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, key, body, http.RequestAborted))
            .RequireAuthorization(AiPermissions.Manage);
        models.MapDelete("/{key}", async (HttpContext http, ModelCatalogue catalogue, string key) =>
        {
            await catalogue.DeleteAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, key, http.RequestAborted);
            return TypedResults.NoContent();
        }).RequireAuthorization(AiPermissions.Manage);
    }
}
