using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Weft.Platform.Persistence;

/// <summary>Tells a module's context that the transaction it began itself committed or rolled back.</summary>
internal sealed class CommitInterceptor : DbTransactionInterceptor
{
    public static CommitInterceptor Instance { get; } = new();

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        (eventData.Context as ModuleDbContext)?.Committed();

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        (eventData.Context as ModuleDbContext)?.Committed();
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) =>
        (eventData.Context as ModuleDbContext)?.RolledBack();

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        (eventData.Context as ModuleDbContext)?.RolledBack();
        return Task.CompletedTask;
    }
}
