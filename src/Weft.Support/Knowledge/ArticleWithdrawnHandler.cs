using Weft.Platform.Events;
using Weft.Support.Contracts;

namespace Weft.Support.Knowledge;

internal sealed class ArticleWithdrawnHandler(ArticleKnowledge knowledge) : IIntegrationEventHandler<ArticleWithdrawn>
{
    public Task HandleAsync(ArticleWithdrawn integrationEvent, IntegrationEventContext context, CancellationToken ct) =>
        knowledge.SyncAsync(context, integrationEvent.Article, integrationEvent.Slug, ct);
}
