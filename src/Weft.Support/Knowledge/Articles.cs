using Microsoft.EntityFrameworkCore;
using Weft.Platform.Errors;
using Weft.Platform.Paging;
using Weft.Platform.Tenancy;
using Weft.Support.Contracts;
using Weft.Support.Persistence;

namespace Weft.Support.Knowledge;

/// <summary>
/// The tenant's knowledge base: articles written as drafts and published to the public help center and, through an
/// integration event committed with the change, to the knowledge base the support AI answers from.
/// </summary>
internal sealed class Articles(SupportDb data, ITenantDirectory tenants)
{
    public const int MaxTitle = 200;
    public const int MaxBody = 100_000;
    public const int MaxCategory = 80;
    public const string DefaultCategory = "General";

    public async Task<Page<ArticleDto>> ListAsync(long tenant, string? status, string? search, int? limit, string? cursor, CancellationToken ct)
    {
        if (status is not null && !ArticleStatuses.All.Contains(status))
            throw FieldErrors.Of("status", $"'status' is one of {string.Join(", ", ArticleStatuses.All)}.");
        var (take, after) = PageCursor.Parse(limit, cursor);
        await using var db = await data.OpenAsync(tenant, ct);
        var q = db.Articles.AsNoTracking().Where(a => a.Id > after);
        if (status is not null) q = q.Where(a => a.Status == status);
        q = Matching(q, search);
        var rows = await q.OrderBy(a => a.Id).Take(take + 1).ToListAsync(ct);
        var key = await tenants.KeyOfAsync(tenant, ct);
        return PageCursor.Of(rows, take, a => a.Id, a => ToDto(a, key));
    }

    public async Task<ArticleDto> GetAsync(long tenant, long id, CancellationToken ct)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        var article = await db.Articles.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw NotFound(id);
        return ToDto(article, await tenants.KeyOfAsync(tenant, ct));
    }

    public async Task<ArticleDto> CreateAsync(long tenant, string actor, ArticleRequest request, CancellationToken ct)
    {
        var (title, body, category, slug) = Check(request, creating: true);
        var key = await tenants.KeyOfAsync(tenant, ct);
        return await data.ChangeAsync(tenant, async db =>
        {
            slug ??= await FreeSlugAsync(db, Slugs.From(title!), ct);
            if (await db.Articles.AnyAsync(a => a.Slug == slug, ct)) throw SlugTaken(slug);
            var article = new ArticleRecord
            {
                Slug = slug, Title = title!, Body = body!, Category = category ?? DefaultCategory, Status = ArticleStatuses.Draft, UpdatedBy = actor,
                CreatedAt = data.Now, UpdatedAt = data.Now,
            };
            db.Articles.Add(article);
            await db.SaveChangesAsync(ct);
            return ToDto(article, key);
        }, ct);
    }

    /// <summary>Edits an article; a published one is published again with its new text.</summary>
    public async Task<ArticleDto> UpdateAsync(long tenant, string actor, long id, ArticleRequest request, CancellationToken ct)
    {
        var (title, body, category, slug) = Check(request, creating: false);
        var key = await tenants.KeyOfAsync(tenant, ct);
        return await data.ChangeAsync(tenant, async db =>
        {
            var article = await FindAsync(db, id, request.Version, ct);
            if (slug is not null && slug != article.Slug)
            {
                if (await db.Articles.AnyAsync(a => a.Slug == slug && a.Id != id, ct)) throw SlugTaken(slug);
                if (article.Status == ArticleStatuses.Published) db.Publish(new ArticleWithdrawn(id, article.Slug, data.Now), ArticleEvents.Stream);
                article.Slug = slug;
            }
            article.Title = title ?? article.Title;
            article.Body = body ?? article.Body;
            article.Category = category ?? article.Category;
            article.UpdatedBy = actor;
            article.UpdatedAt = data.Now;
            if (article.Status == ArticleStatuses.Published)
                db.Publish(new ArticlePublished(id, article.Slug, article.Title, article.Category, HelpCenterPaths.Article(key, article.Slug), data.Now), ArticleEvents.Stream);
            await db.SaveChangesAsync(ct);
            return ToDto(article, key);
        }, ct);
    }

    public async Task<ArticleDto> PublishAsync(long tenant, string actor, long id, ArticleVersionRequest request, CancellationToken ct)
    {
        var key = await tenants.KeyOfAsync(tenant, ct);
        return await data.ChangeAsync(tenant, async db =>
        {
            var article = await FindAsync(db, id, request?.Version, ct);
            if (article.Status == ArticleStatuses.Published)
                throw WeftException.Conflict("article_already_published", $"Article '{article.Slug}' is already published.");
            article.Status = ArticleStatuses.Published;
            article.PublishedAt = article.UpdatedAt = data.Now;
            article.UpdatedBy = actor;
            db.Publish(new ArticlePublished(id, article.Slug, article.Title, article.Category, HelpCenterPaths.Article(key, article.Slug), data.Now), ArticleEvents.Stream);
            await db.SaveChangesAsync(ct);
            return ToDto(article, key);
        }, ct);
    }

    public async Task<ArticleDto> UnpublishAsync(long tenant, string actor, long id, ArticleVersionRequest request, CancellationToken ct)
    {
        var key = await tenants.KeyOfAsync(tenant, ct);
        return await data.ChangeAsync(tenant, async db =>
        {
            var article = await FindAsync(db, id, request?.Version, ct);
            if (article.Status != ArticleStatuses.Published)
                throw WeftException.Conflict("article_not_published", $"Article '{article.Slug}' is a draft already.");
            article.Status = ArticleStatuses.Draft;
            article.UpdatedAt = data.Now;
            article.UpdatedBy = actor;
            db.Publish(new ArticleWithdrawn(id, article.Slug, data.Now), ArticleEvents.Stream);
            await db.SaveChangesAsync(ct);
            return ToDto(article, key);
        }, ct);
    }

    public Task DeleteAsync(long tenant, long id, int? version, CancellationToken ct) =>
        data.ChangeAsync(tenant, async db =>
        {
            var article = await FindAsync(db, id, version, ct);
            if (article.Status == ArticleStatuses.Published) db.Publish(new ArticleWithdrawn(id, article.Slug, data.Now), ArticleEvents.Stream);
            db.Articles.Remove(article);
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);

    /// <summary>The published articles matching <paramref name="search"/> (every word in the title or text; title matches first), for the public help center.</summary>
    public async Task<IReadOnlyList<PublicArticleDto>> PublishedAsync(long tenant, string tenantKey, string? search, CancellationToken ct)
    {
        if (search is { Length: > 200 }) throw FieldErrors.Of("q", "'q' is at most 200 characters.");
        await using var db = await data.OpenAsync(tenant, ct);
        var rows = await Matching(db.Articles.AsNoTracking().Where(a => a.Status == ArticleStatuses.Published), search)
            .OrderBy(a => a.Category).ThenBy(a => a.Title).Take(500).ToListAsync(ct);
        var words = Words(search);
        return [.. rows.OrderByDescending(a => words.Count(w => a.Title.Contains(w, StringComparison.OrdinalIgnoreCase))).ThenBy(a => a.Category).ThenBy(a => a.Title)
            .Select(a => new PublicArticleDto(a.Slug, a.Title, a.Category, ArticleText.Excerpt(a.Body), a.UpdatedAt, HelpCenterPaths.Article(tenantKey, a.Slug)))];
    }

    /// <summary>A published article by its slug, or null (a draft is as missing as an unknown slug).</summary>
    public async Task<ArticleRecord?> PublishedAsync(long tenant, string slug, CancellationToken ct)
    {
        if (!Slugs.IsValid(slug)) return null;
        await using var db = await data.OpenAsync(tenant, ct);
        return await db.Articles.AsNoTracking().FirstOrDefaultAsync(a => a.Slug == slug && a.Status == ArticleStatuses.Published, ct);
    }

    private static IQueryable<ArticleRecord> Matching(IQueryable<ArticleRecord> q, string? search)
    {
        foreach (var word in Words(search))
        {
            var w = word.ToLowerInvariant();
            q = q.Where(a => a.Title.ToLower().Contains(w) || a.Body.ToLower().Contains(w));
        }
        return q;
    }

    private static List<string> Words(string? search) =>
        string.IsNullOrWhiteSpace(search) ? [] : [.. search.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Take(8)];

    private static (string? Title, string? Body, string? Category, string? Slug) Check(ArticleRequest? request, bool creating)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        var title = request.Title?.Trim();
        if (creating && string.IsNullOrEmpty(title)) errors["title"] = ["'title' is required."];
        else if (title is { Length: 0 or > MaxTitle }) errors["title"] = [$"'title' is 1-{MaxTitle} characters."];
        if (creating && string.IsNullOrWhiteSpace(request.Body)) errors["body"] = ["'body' is required: the article's text in Markdown."];
        else if (request.Body is { } b && (b.Trim().Length == 0 || b.Length > MaxBody)) errors["body"] = [$"'body' is 1-{MaxBody:N0} characters of Markdown."];
        var category = request.Category?.Trim();
        if (category is { Length: 0 or > MaxCategory }) errors["category"] = [$"'category' is 1-{MaxCategory} characters."];
        var slug = request.Slug?.Trim();
        if (slug is not null && !Slugs.IsValid(slug))
            errors["slug"] = [$"'slug' is 1-{Slugs.MaxLength} lower-case letters, digits and single dashes, e.g. 'where-is-my-order'."];
        if (!creating && request.Version is null) errors["version"] = ["'version' is required: the version of the article you edited."];
        if (!creating && request is { Title: null, Body: null, Category: null, Slug: null }) errors["title"] = ["Give at least one of title, body, category, slug."];
        errors.ThrowIfAny();
        return (title, request.Body, category, slug);
    }

    private static async Task<string> FreeSlugAsync(SupportDbContext db, string wanted, CancellationToken ct)
    {
        var taken = await db.Articles.Where(a => a.Slug == wanted || a.Slug.StartsWith(wanted + "-")).Select(a => a.Slug).ToListAsync(ct);
        if (!taken.Contains(wanted)) return wanted;
        for (var n = 2; ; n++)
        {
            var suffix = $"-{n}";
            var candidate = (wanted.Length + suffix.Length > Slugs.MaxLength ? wanted[..(Slugs.MaxLength - suffix.Length)] : wanted) + suffix;
            if (!taken.Contains(candidate)) return candidate;
        }
    }

    private static async Task<ArticleRecord> FindAsync(SupportDbContext db, long id, int? version, CancellationToken ct)
    {
        var article = await db.Articles.FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw NotFound(id);
        if (version is { } v && v != article.Version)
            throw WeftException.Conflict("stale_version", $"Article '{article.Slug}' changed meanwhile (version {article.Version}); reload it.");
        return article;
    }

    private static WeftException NotFound(long id) => WeftException.NotFound("article_not_found", $"Article {id} does not exist.");

    private static WeftException SlugTaken(string slug) => WeftException.Conflict("article_slug_taken", $"Another article is named '{slug}' already.");

    internal static ArticleDto ToDto(ArticleRecord a, string tenantKey) => new(a.Id, a.Slug, a.Title, a.Category, a.Body, a.Status, a.UpdatedBy,
        a.CreatedAt, a.UpdatedAt, a.PublishedAt, a.Version, a.Status == ArticleStatuses.Published ? HelpCenterPaths.Article(tenantKey, a.Slug) : null);
}
