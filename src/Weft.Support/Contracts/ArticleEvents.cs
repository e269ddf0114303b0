using Weft.Platform.Events;

namespace Weft.Support.Contracts;

/// <summary>The stream help center articles' events travel in, in the order they happened.</summary>
public static class ArticleEvents
{
    public const string Stream = "support.articles";
}

/// <summary>A help center article was published, or its published text changed.</summary>
[IntegrationEvent("support.article_published")]
public sealed record ArticlePublished(long Article, string Slug, string Title, string Category, string Url, DateTime At);

/// <summary>A published article was taken back to a draft, or deleted: the help center and the AI's knowledge no longer have it.</summary>
[IntegrationEvent("support.article_withdrawn")]
public sealed record ArticleWithdrawn(long Article, string Slug, DateTime At);
