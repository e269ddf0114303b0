using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Weft.Platform.Errors;
using Weft.Platform.Tenancy;
using Weft.Platform.Web.Security;
using Weft.Support.Widget;

namespace Weft.Support.Knowledge;

internal static class ArticleEndpoints
{
    public static void MapArticles(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/support/articles").WithTags("Support knowledge base").RequireAuthorization(SupportPermissions.Read);
        group.MapGet("", (HttpContext http, Articles all, string? status, string? search, int? limit, string? cursor) =>
            all.ListAsync(http.User.TenantOf()!.Value, status, search, limit, cursor, http.RequestAborted));
        group.MapGet("/{id:long}", (HttpContext http, Articles all, long id) => all.GetAsync(http.User.TenantOf()!.Value, id, http.RequestAborted));
        group.MapPost("", async (HttpContext http, Articles all, ArticleRequest body) =>
        {
            var article = await all.CreateAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, body, http.RequestAborted);
            return TypedResults.Created($"/api/v1/support/articles/{article.Id}", article);
        }).RequireAuthorization(SupportPermissions.Manage);
        group.MapPut("/{id:long}", (HttpContext http, Articles all, long id, ArticleRequest body) =>
            all.UpdateAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, id, body, http.RequestAborted)).RequireAuthorization(SupportPermissions.Manage);
        group.MapPost("/{id:long}/publish", (HttpContext http, Articles all, long id, ArticleVersionRequest body) =>
            all.PublishAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, id, body, http.RequestAborted)).RequireAuthorization(SupportPermissions.Manage);
        group.MapPost("/{id:long}/unpublish", (HttpContext http, Articles all, long id, ArticleVersionRequest body) =>
            all.UnpublishAsync(http.User.TenantOf()!.Value, http.User.ActorOf()!, id, body, http.RequestAborted)).RequireAuthorization(SupportPermissions.Manage);
        group.MapDelete("/{id:long}", async (HttpContext http, Articles all, long id, int? version) =>
        {
            await all.DeleteAsync(http.User.TenantOf()!.Value, id, version, http.RequestAborted);
            return TypedResults.NoContent();
        }).RequireAuthorization(SupportPermissions.Manage);

        // The public help center: pages for people, JSON for a customer's own site or the widget.
        var help = app.MapGroup("/api/v1/support/help/{tenant}").WithTags("Support help center").AllowAnonymous();
        help.MapGet("/articles", async (ITenantDirectory tenants, Articles all, string tenant, string? q, CancellationToken ct) =>
            await all.PublishedAsync(await WidgetEndpoints.TenantAsync(tenants, tenant, ct), tenant, q, ct));
        help.MapGet("/articles/{slug}", async (ITenantDirectory tenants, Articles all, string tenant, string slug, CancellationToken ct) =>
        {
            var article = await all.PublishedAsync(await WidgetEndpoints.TenantAsync(tenants, tenant, ct), slug, ct)
                ?? throw WeftException.NotFound("article_not_found", $"The help center has no article '{slug}'.");
            return new PublicArticleDetail(article.Slug, article.Title, article.Category, article.Body, ArticleText.Html(article.Body), article.UpdatedAt,
                HelpCenterPaths.Article(tenant, article.Slug));
        });
        app.MapGet("/help/{tenant}", async (ITenantDirectory tenants, Articles all, string tenant, string? q, CancellationToken ct) =>
        {
            var id = await PublicTenantAsync(tenants, tenant, ct);
            if (id is null) return Html(HelpCenterPage.Missing("There is no help center here."), StatusCodes.Status404NotFound);
            if (q is { Length: > 200 }) q = q[..200];
            var articles = await all.PublishedAsync(id.Value, tenant, q, ct);
            return Html(HelpCenterPage.Home(tenant, await tenants.NameOfAsync(id.Value, ct) ?? tenant, q, articles));
        }).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/help/{tenant}/articles/{slug}", async (ITenantDirectory tenants, Articles all, string tenant, string slug, CancellationToken ct) =>
        {
            var id = await PublicTenantAsync(tenants, tenant, ct);
            var article = id is null ? null : await all.PublishedAsync(id.Value, slug, ct);
            if (article is null) return Html(HelpCenterPage.Missing("This article does not exist, or is no longer published."), StatusCodes.Status404NotFound);
            return Html(HelpCenterPage.Article(tenant, await tenants.NameOfAsync(id!.Value, ct) ?? tenant, article.Title, article.Category, article.UpdatedAt,
                article.Body));
        }).AllowAnonymous().ExcludeFromDescription();
    }

    private static async Task<long?> PublicTenantAsync(ITenantDirectory tenants, string key, CancellationToken ct)
    {
        try
        {
            return await WidgetEndpoints.TenantAsync(tenants, key, ct);
        }
        catch (WeftException e) when (e.Kind == ErrorKind.NotFound)
        {
            return null;
        }
    }

    private static IResult Html(string html, int status = StatusCodes.Status200OK) => Results.Content(html, "text/html; charset=utf-8", statusCode: status);
}
