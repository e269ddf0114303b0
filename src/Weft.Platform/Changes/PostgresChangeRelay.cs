using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Weft.Platform.Persistence;

namespace Weft.Platform.Changes;

/// <summary>
/// Carries change notices between host processes sharing one PostgreSQL database: this process's
/// commits are sent with <c>NOTIFY weft_changes</c> (batched, on a connection of its own, after the
/// commit), and every other process's are received with <c>LISTEN weft_changes</c> and published to
/// this process's <see cref="ChangeFeed"/>. A process skips its own notifications: it has published
/// them already. See docs/adr/0007-change-feed.md.
/// </summary>
internal sealed class PostgresChangeRelay(DatabaseOptions database, CommitSignals signals, ChangeFeed feed, ILogger<PostgresChangeRelay> logger)
    : BackgroundService
{
    public const string Channel = "weft_changes";

    /// <summary>This relay's mark on what it sends, so that it can skip its own notifications.</summary>
    private readonly string origin = Guid.NewGuid().ToString("N")[..12];
    private readonly Channel<ChangeNotice> outgoing = System.Threading.Channels.Channel.CreateBounded<ChangeNotice>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        signals.Committed += Enqueue;
        try
        {
            await Task.WhenAll(ListenAsync(stoppingToken), SendAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            signals.Committed -= Enqueue;
        }
    }

    private void Enqueue(ChangeNotice notice) => outgoing.Writer.TryWrite(notice);

    private async Task SendAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(database.ConnectionString);
                await connection.OpenAsync(ct);
                // A NOTIFY commits a transaction with an id of its own: with synchronous commit it would wait for its own WAL
                // flush, one more per command, and the next command's commit behind it. Notices are hints, not records
                // (ADR 0007): they need not wait for the disk.
                await using (var asynchronous = connection.CreateCommand())
                {
                    asynchronous.CommandText = "SET synchronous_commit = off";
                    await asynchronous.ExecuteNonQueryAsync(ct);
                }
                while (await outgoing.Reader.WaitToReadAsync(ct))
                {
                    // Coalesce what arrived meanwhile: one notification per tenant per batch.
                    var batch = new Dictionary<long, HashSet<string>>();
                    while (batch.Count < 100 && outgoing.Reader.TryRead(out var notice))
                    {
                        if (!batch.TryGetValue(notice.Tenant, out var tables)) batch[notice.Tenant] = tables = new HashSet<string>(StringComparer.Ordinal);
                        tables.UnionWith(notice.Tables);
                    }
                    foreach (var (tenant, tables) in batch)
                    {
                        await using var command = connection.CreateCommand();
                        command.CommandText = "SELECT pg_notify(@channel, @payload)";
                        command.Parameters.AddWithValue("channel", Channel);
                        command.Parameters.AddWithValue("payload", Encode(origin, tenant, tables));
                        await command.ExecuteNonQueryAsync(ct);
                    }
                }
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException && !ct.IsCancellationRequested)
            {
                logger.LogWarning(e, "Sending change notices failed; reconnecting");
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
        }
    }

    private async Task ListenAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { KeepAlive = 30 }.ConnectionString);
                await connection.OpenAsync(ct);
                connection.Notification += (_, e) =>
                {
                    if (Decode(origin, e.Payload) is { } notice) feed.Publish(notice);
                };
                await using (var listen = connection.CreateCommand())
                {
                    listen.CommandText = $"LISTEN {Channel}";
                    await listen.ExecuteNonQueryAsync(ct);
                }
                while (!ct.IsCancellationRequested) await connection.WaitAsync(ct);
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException && !ct.IsCancellationRequested)
            {
                logger.LogWarning(e, "Listening for change notices failed; reconnecting");
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
        }
    }

    /// <summary><c>origin|tenant|table,table,…</c>; PostgreSQL limits a payload to 8000 bytes, so a long list becomes <see cref="ChangeNotice.AnyTable"/>.</summary>
    internal static string Encode(string origin, long tenant, IReadOnlyCollection<string> tables)
    {
        var list = string.Join(',', tables);
        if (list.Length > 7000) list = ChangeNotice.AnyTable;
        return $"{origin}|{tenant.ToString(CultureInfo.InvariantCulture)}|{list}";
    }

    internal static ChangeNotice? Decode(string origin, string payload)
    {
        var parts = payload.Split('|');
        if (parts.Length != 3 || parts[0] == origin) return null;
        if (!long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var tenant)) return null;
        var tables = parts[2].Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        return new ChangeNotice(tenant, tables, PublishedEvents: false);
    }
}
