using Weft.Platform.Events;
using Weft.Support.Contracts;

namespace Weft.Support.Knowledge;

internal sealed class ArticlePublishedHandler(ArticleKnowledge knowledge) : IIntegrationEventHandler<ArticlePublished>
{
    public Task HandleAsync(ArticlePublished integrationEvent, IntegrationEventContext context, CancellationToken ct) =>
        knowledge.SyncAsync(context, integrationEvent.Article, integrationEvent.Slug, ct);
}
