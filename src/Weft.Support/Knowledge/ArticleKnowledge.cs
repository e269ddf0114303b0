using Microsoft.EntityFrameworkCore;
using Weft.AI.Contracts;
using Weft.Platform.Events;
using Weft.Support.Persistence;

namespace Weft.Support.Knowledge;

/// <summary>
/// Keeps the AI's help center knowledge base in step with the published articles. It reads the article as it is now
/// rather than trusting the event, so deliveries repeated or out of order end in the same state.
/// </summary>
internal sealed class ArticleKnowledge(SupportDb data, IEnumerable<IKnowledgeFeed> feeds)
{
    public async Task SyncAsync(IntegrationEventContext context, long id, string slug, CancellationToken ct)
    {
        if (feeds.FirstOrDefault() is not { } feed) return;
        await using var db = await data.OpenAsync(context.Tenant, ct);
        var article = await db.Articles.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (article is { Status: ArticleStatuses.Published } && article.Slug == slug)
            await feed.PutAsync(context.Unit, HelpCenterPaths.KnowledgeBase, HelpCenterPaths.KnowledgeBaseName, HelpCenterPaths.DocumentOf(slug),
                ArticleText.ForKnowledge(article.Title, article.Body), ct);
        else
            await feed.RemoveAsync(context.Unit, HelpCenterPaths.KnowledgeBase, HelpCenterPaths.DocumentOf(slug), ct);
    }
}
