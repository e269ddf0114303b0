namespace Weft.Support.Knowledge;

/// <summary>The body of creating (<c>POST /api/v1/support/articles</c>) or editing (<c>PUT …/{id}</c>, with its version) an article.</summary>
/// <param name="Slug">Its name in addresses (lower-case letters, digits and dashes); left out, made from the title.</param>
internal sealed record ArticleRequest(string? Title, string? Body, string? Category, string? Slug, int? Version = null);

/// <summary>The body of publishing or unpublishing: the version the person saw.</summary>
internal sealed record ArticleVersionRequest(int? Version);

/// <param name="Url">Where the public help center shows it (only while published).</param>
internal sealed record ArticleDto(long Id, string Slug, string Title, string Category, string Body, string Status, string? UpdatedBy,
    DateTime CreatedAt, DateTime UpdatedAt, DateTime? PublishedAt, int Version, string? Url);

/// <summary>A published article as the public help center lists it, with the first words of its text.</summary>
internal sealed record PublicArticleDto(string Slug, string Title, string Category, string Excerpt, DateTime UpdatedAt, string Url);

/// <summary>A published article for a customer's own site: its Markdown and the same as safe HTML.</summary>
internal sealed record PublicArticleDetail(string Slug, string Title, string Category, string Body, string Html, DateTime UpdatedAt, string Url);
