using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Update;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.Internal;

#pragma warning disable EF1001 // Npgsql's batch and options are internal API: the batch is extended, not changed.
using Npgsql.EntityFrameworkCore.PostgreSQL.Update.Internal;

namespace Weft.Platform.Persistence;

/// <summary>
/// PostgreSQL: EF Core's batches of a save, the last of which carries the COMMIT of the context's transaction when the
/// context asks for it (<see cref="ModuleDbContext.SaveAndCommitAsync"/>). EF Core tells a batch, as it completes its SQL,
/// whether more batches follow; only the last one of the save appends <c>COMMIT;</c>. Npgsql sends a batch's statements
/// with one sync: when any of them fails, the server skips the rest, the COMMIT with them, and the transaction rolls
/// back when it is disposed. Without it, a command's writes and its commit were two round trips to the server.
/// </summary>
internal sealed class CommitWithSave(ModificationCommandBatchFactoryDependencies dependencies, IDbContextOptions options, ICurrentDbContext current)
    : IModificationCommandBatchFactory
{
    // Npgsql's own default when the options set none.
    private readonly int maxBatchSize = options.FindExtension<NpgsqlOptionsExtension>()?.MaxBatchSize ?? 1000;

    public ModificationCommandBatch Create() => new Batch(dependencies, maxBatchSize, current.Context as ModuleDbContext);

    private sealed class Batch(ModificationCommandBatchFactoryDependencies dependencies, int maxBatchSize, ModuleDbContext? context)
        : NpgsqlModificationCommandBatch(dependencies, maxBatchSize)
    {
        public override void Complete(bool moreBatchesExpected)
        {
            if (!moreBatchesExpected && context is { CommitMayGoWithSave: true })
            {
                SqlBuilder.AppendLine("COMMIT;");
                context.CommitWentWithSave = true;
            }
            base.Complete(moreBatchesExpected);
        }
    }
}
