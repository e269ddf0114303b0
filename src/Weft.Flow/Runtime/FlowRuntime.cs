using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging;
using Weft.Flow.Automation;
using Weft.Flow.Contracts;
using Weft.Flow.Definitions;
using Weft.Flow.Persistence;
using Weft.Platform.Persistence;
using Weft.Platform.Errors;

namespace Weft.Flow.Runtime;

/// <summary>
/// Runs every state change as one database transaction: the change, its events, its timers and its
/// idempotency record commit together or not at all. Conflicts between concurrent commands (a stale
/// row version, a deadlock, a busy database) roll back and run the command again from a fresh read.
/// Each command is a span of <see cref="FlowTelemetry.Source"/>, named after it, and is counted by outcome.
/// </summary>
internal sealed class FlowRuntime(
    IDbContextFactory<FlowDbContext> contexts,
    PooledContexts<FlowDbContext> pool,
    WriterGate writers,
    TimeProvider clock,
    DefinitionCache definitions,
    AgentHandlerRegistry handlers,
    ILogger<FlowRuntime> logger,
    IMeterFactory? meters = null)
{
    private const int MaxAttempts = 30;

    private readonly CommandMetrics metrics = new(meters);

    public TimeProvider Clock => clock;

    public DefinitionCache Definitions => definitions;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <param name="name">The command's name, for its span and metrics (the engine method's, without "Async").</param>
    public async Task<T> ExecuteAsync<T>(long tenant, CommandContext context, Func<FlowSession, Task<T>> command, CancellationToken ct = default,
        string name = "Command")
    {
        using var activity = FlowTelemetry.Source.StartActivity(name);
        activity?.SetTag("weft.tenant", tenant);
        var started = Stopwatch.GetTimestamp();
        var outcome = CommandMetrics.Failed;
        try
        {
            var result = context.Unit is { } unit
                ? await ExecuteWithinAsync(unit, tenant, context, command, ct)
                : await RunAsync(tenant, context, command, name, activity, ct);
            outcome = CommandMetrics.Ok;
            return result;
        }
        catch (Exception e)
        {
            outcome = e switch
            {
                WeftException => CommandMetrics.Rejected,
                OperationCanceledException when ct.IsCancellationRequested => CommandMetrics.Cancelled,
                _ => CommandMetrics.Failed,
            };
            if (e is WeftException rejected) activity?.SetTag("weft.error.code", rejected.Code);
            else activity?.AddException(e).SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
        finally
        {
            activity?.SetTag("weft.outcome", outcome);
            metrics.Ran(name, outcome, Stopwatch.GetElapsedTime(started));
        }
    }

    /// <summary>The command in a transaction of its own, run again after a conflict.</summary>
    private async Task<T> RunAsync<T>(long tenant, CommandContext context, Func<FlowSession, Task<T>> command, string name, Activity? activity,
        CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await ContextAsync(tenant, ct);
            try
            {
                return await writers.RunAsync(() => AttemptAsync(db, context, command, ct), ct);
            }
            catch (Exception ex) when (attempt < MaxAttempts && Transient.IsTransient(ex))
            {
                logger.LogDebug(ex, "Command conflict, attempt {Attempt}", attempt);
                metrics.Retried(name);
                activity?.SetTag("weft.attempts", attempt + 1);
                await Task.Delay(Random.Shared.Next(1, Math.Min(5 + (attempt * 5), 60)), ct);
            }
        }
    }

    /// <summary>One attempt at a command, in this process's turn to write: its transaction, from begin to commit.</summary>
    private async Task<T> AttemptAsync<T>(FlowDbContext db, CommandContext context, Func<FlowSession, Task<T>> command, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (context.IdempotencyKey is { } key)
        {
            var seen = await db.IdempotencyKeys.AsNoTracking().FirstOrDefaultAsync(x => x.Key == key, ct);
            if (seen is not null)
            {
                if (seen.Fingerprint != (context.Fingerprint ?? ""))
                    throw WeftException.Rule("idempotency_key_reused",
                        "This Idempotency-Key was already used for a different request.");
                return JsonSerializer.Deserialize<T>(seen.ResultJson, Json)!;
            }
        }

        var session = new FlowSession(db, clock.GetUtcNow().UtcDateTime, context.Actor, definitions, handlers);
        var result = await command(session);
        // Commands whose answer shows assignment results settle before answering; then this finds nothing left.
        await session.SettleAsync();
        if (context.IdempotencyKey is { } newKey)
        {
            // The answer is recorded as the caller gets it: with the ids the command's new rows receive when saved.
            await db.SaveChangesAsync(ct);
            db.IdempotencyKeys.Add(new IdempotencyRecord
            {
                Key = newKey,
                Fingerprint = context.Fingerprint ?? "",
                ResultJson = JsonSerializer.Serialize(result, Json),
                CreatedAt = session.Now,
            });
        }
        // The command's writes and its commit: one round trip to PostgreSQL.
        await db.SaveAndCommitAsync(ct);
        return result;
    }

    /// <summary>
    /// Runs a command inside another module's unit of work: it commits or rolls back with the rest of
    /// that command, which also owns retries and idempotency.
    /// </summary>
    private async Task<T> ExecuteWithinAsync<T>(UnitOfWork unit, long tenant, CommandContext context, Func<FlowSession, Task<T>> command, CancellationToken ct)
    {
        if (unit.Tenant != tenant) throw new InvalidOperationException("The unit of work belongs to another tenant.");
        var db = await unit.JoinAsync(await contexts.CreateDbContextAsync(ct), ct);
        var session = new FlowSession(db, clock.GetUtcNow().UtcDateTime, context.Actor, definitions, handlers);
        var result = await command(session);
        await session.FlushAsync(ct);
        return result;
    }

    public async Task<T> ReadAsync<T>(long tenant, Func<FlowDbContext, Task<T>> query, CancellationToken ct = default)
    {
        await using var db = await ContextAsync(tenant, ct);
        // One connection for the whole read: the tenant setting is made once, not per query.
        await db.Database.OpenConnectionAsync(ct);
        return await query(db);
    }

    // Commands and reads take pooled contexts (on SQLite with their statements kept compiled); contexts
    // that join another module's unit of work come from the plain factory.
    private Task<FlowDbContext> ContextAsync(long tenant, CancellationToken ct) =>
        tenant > 0 ? pool.RentAsync(tenant, ct) : throw new ArgumentOutOfRangeException(nameof(tenant), "Engine work always runs for a tenant.");
}

/// <summary>The runtime bound to one tenant: what a tenant's <see cref="FlowEngine"/> runs its commands and reads on.</summary>
internal sealed class TenantRuntime(FlowRuntime runtime, long tenant)
{
    public long Tenant => tenant;

    public TimeProvider Clock => runtime.Clock;

    public DefinitionCache Definitions => runtime.Definitions;

    /// <param name="name">Filled in by the compiler: the engine method that runs the command.</param>
    public Task<T> ExecuteAsync<T>(CommandContext context, Func<FlowSession, Task<T>> command, CancellationToken ct = default,
        [CallerMemberName] string name = "") =>
        runtime.ExecuteAsync(tenant, context, command, ct, name.EndsWith("Async", StringComparison.Ordinal) ? name[..^"Async".Length] : name);

    public Task<T> ReadAsync<T>(Func<FlowDbContext, Task<T>> query, CancellationToken ct = default) =>
        runtime.ReadAsync(tenant, query, ct);
}

/// <summary>Published versions never change, so their parsed definitions are kept in memory.</summary>
internal sealed class DefinitionCache
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(long, string, int), PublishedGraph> cache = new();

    public async Task<PublishedGraph> GetAsync(FlowDbContext db, string graphKey, int version)
    {
        // Graph keys are the tenant's own: the same key names different graphs in different tenants.
        if (cache.TryGetValue((db.TenantId, graphKey, version), out var found)) return found;
        var row = await db.GraphVersions.AsNoTracking().FirstOrDefaultAsync(v => v.GraphKey == graphKey && v.Number == version)
            ?? throw WeftException.NotFound("graph_version_not_found", $"Graph '{graphKey}' has no version {version}.");
        var definition = JsonSerializer.Deserialize<GraphDefinition>(row.DefinitionJson, FlowRuntime.Json)!;
        var published = new PublishedGraph(graphKey, version, definition, GraphStructure.Of(definition));
        cache[(db.TenantId, graphKey, version)] = published;
        return published;
    }
}

internal sealed record PublishedGraph(string Key, int Version, GraphDefinition Definition, GraphStructure Structure)
{
    public NodeDefinition Node(string key) =>
        Definition.Node(key) ?? throw new InvalidOperationException($"Node '{key}' is not in {Key} v{Version}.");
}
