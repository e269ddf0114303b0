using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Weft.Market.Persistence;
using Weft.Market.Visibility;
using Weft.Platform.Changes;

namespace Weft.Market.Auctions.Live;

/// <summary>
/// An auction's change as one watcher may see it: the auction's clock and counts for everyone, the new bids the watcher
/// may read (<see cref="MarketVisibility.Shows"/>), the best price where the auction shows it, and a bidder's own rank.
/// </summary>
public sealed record AuctionLiveDto(
    long Auction, long Sequence, int BidCount, DateTime EndsAt, int Extensions, string Status, DateTime ServerNow, decimal? BestPrice,
    AuctionMineDto? Mine, IReadOnlyList<BidDto> Bids, string? Outcome);

/// <summary>
/// Pushes each accepted bid, extension and close to the screens watching an auction. One pump per tenant wakes on the
/// change feed (this process's commits and, on PostgreSQL, other processes'), reads each watched auction that moved and
/// its bids after the last sequence it pushed (bids are numbered without gaps under the auction's lock, so none commits
/// out of order), and hands every watcher what its viewer may see. A screen reads the auction itself after it starts
/// watching and drops repeats by sequence.
/// </summary>
internal sealed class AuctionLive(MarketDb store, ChangeFeed changes, ILogger<AuctionLive> logger) : IDisposable
{
    private readonly MarketDb data = store;
    private readonly ChangeFeed feed = changes;
    private readonly ILogger log = logger;
    private readonly ConcurrentDictionary<long, Pump> pumps = new();
    private readonly CancellationTokenSource stopping = new();

    /// <summary>
    /// Calls <paramref name="onChange"/> with each change of the auction, as <paramref name="viewer"/> may see it. The
    /// callback must not block. Returns once the pump runs, so what commits afterwards is pushed; dispose to stop.
    /// </summary>
    public async Task<IDisposable> WatchAsync(long tenant, MarketViewer viewer, long auction, Action<AuctionLiveDto> onChange)
    {
        var pump = pumps.GetOrAdd(tenant, t => new Pump(this, t));
        var watching = await pump.AddAsync(new Watcher(viewer, auction, onChange));
        try
        {
            await pump.Ready;
            return watching;
        }
        catch
        {
            watching.Dispose();
            if (pumps.TryRemove(new KeyValuePair<long, Pump>(tenant, pump))) pump.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        stopping.Cancel();
        foreach (var pump in pumps.Values) pump.Dispose();
    }

    private sealed record Watcher(MarketViewer Viewer, long Auction, Action<AuctionLiveDto> OnChange);

    /// <summary>What a pump last pushed of one auction.</summary>
    private sealed class Watched
    {
        public long Sequence;
        public int Version;
    }

    private sealed class Pump : IDisposable
    {
        private readonly AuctionLive owner;
        private readonly long tenant;
        private readonly ConcurrentDictionary<long, Watcher> watchers = new();
        private readonly ConcurrentDictionary<long, Watched> watched = new();
        private readonly Channel<bool> wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        private readonly IDisposable subscription;
        private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly SemaphoreSlim gate = new(1, 1);
        private long next;

        public Task Ready => started.Task;

        public Pump(AuctionLive owner, long tenant)
        {
            this.owner = owner;
            this.tenant = tenant;
            subscription = owner.feed.Subscribe(tenant, ["market_bids", "market_auctions"], _ => wake.Writer.TryWrite(true));
            _ = Task.Run(RunAsync);
        }

        /// <summary>Adds a watcher; an auction nobody watched yet starts from where it stands now (what came before, the screen reads itself).</summary>
        public async Task<IDisposable> AddAsync(Watcher watcher)
        {
            await gate.WaitAsync(owner.stopping.Token);
            try
            {
                if (!watched.ContainsKey(watcher.Auction))
                {
                    await using var db = await owner.data.OpenAsync(tenant, MarketViewer.System, owner.stopping.Token);
                    var now = await db.Auctions.AsNoTracking().Where(a => a.Id == watcher.Auction).Select(a => new { a.LastSequence, a.Version }).FirstOrDefaultAsync();
                    watched[watcher.Auction] = new Watched { Sequence = now?.LastSequence ?? 0, Version = now?.Version ?? 0 };
                }
                var id = Interlocked.Increment(ref next);
                watchers[id] = watcher;
                return new Removal(() => watchers.TryRemove(id, out _));
            }
            finally
            {
                gate.Release();
            }
        }

        private async Task RunAsync()
        {
            var ct = owner.stopping.Token;
            started.TrySetResult();
            try
            {
                while (await wake.Reader.WaitToReadAsync(ct))
                {
                    wake.Reader.TryRead(out _);
                    await gate.WaitAsync(ct);
                    try
                    {
                        await PushAsync(ct);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        owner.log.LogWarning(e, "Pushing tenant {Tenant}'s auction changes failed; the next change retries.", tenant);
                    }
                    finally
                    {
                        gate.Release();
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        private async Task PushAsync(CancellationToken ct)
        {
            var byAuction = watchers.Values.GroupBy(w => w.Auction).ToDictionary(g => g.Key, g => g.ToList());
            foreach (var gone in watched.Keys.Where(k => !byAuction.ContainsKey(k)).ToList()) watched.TryRemove(gone, out _);
            if (byAuction.Count == 0) return;
            await using var db = await owner.data.OpenAsync(tenant, MarketViewer.System, ct);
            var ids = byAuction.Keys.ToList();
            var auctions = await db.Auctions.AsNoTracking().Where(a => ids.Contains(a.Id)).ToListAsync(ct);
            var now = owner.data.Now;
            foreach (var auction in auctions)
            {
                var state = watched.GetOrAdd(auction.Id, _ => new Watched());
                if (auction.Version == state.Version && auction.LastSequence == state.Sequence) continue;
                var bids = auction.LastSequence > state.Sequence
                    ? await db.Bids.AsNoTracking().Where(b => b.AuctionId == auction.Id && b.Sequence > state.Sequence).OrderBy(b => b.Sequence).ToListAsync(ct)
                    : [];
                var revealedNow = auction.Status == Auctions.Statuses.Closed && AuctionFormats.IsSealed(auction.Format) && state.Version != auction.Version
                    ? await db.Bids.AsNoTracking().Where(b => b.AuctionId == auction.Id && b.Sequence <= state.Sequence).OrderBy(b => b.Sequence).ToListAsync(ct)
                    : [];
                var names = await db.Organizations.AsNoTracking().Where(o => bids.Select(b => b.BidderOrganization).Contains(o.Id) || revealedNow.Select(b => b.BidderOrganization).Contains(o.Id))
                    .ToDictionaryAsync(o => o.Id, o => o.Name, ct);
                var audience = byAuction[auction.Id];
                IReadOnlyList<RankedBid>? ranking = null;
                if (audience.Any(w => w.Viewer.IsMember && w.Viewer.Organization != auction.OwnerOrganization))
                    ranking = AuctionRules.Rank(Auctions.TermsOf(auction), await db.Bids.AsNoTracking().Where(b => b.AuctionId == auction.Id && !b.Replaced)
                        .Select(b => new RankedBid(b.Id, b.Sequence, b.BidderOrganization, b.Price)).ToListAsync(ct));
                // The bids were read after the auction's row: they may go past its last sequence (a bid committed in between).
                state.Sequence = Math.Max(auction.LastSequence, bids.Count > 0 ? bids[^1].Sequence : 0);
                state.Version = auction.Version;
                var status = Auctions.StatusOf(auction, now);
                foreach (var watcher in audience)
                {
                    var viewer = watcher.Viewer;
                    var sees = bids.Concat(revealedNow).Where(b => MarketVisibility.Shows(viewer, b))
                        .Select(b => new BidDto(b.Id, b.AuctionId, b.Sequence, b.BidderOrganization, names.GetValueOrDefault(b.BidderOrganization, ""), b.Price, b.PlacedAt, b.Revealed))
                        .OrderBy(b => b.Sequence).ToList();
                    var ownerSide = viewer.Kind is MarketViewerKind.Staff or MarketViewerKind.System || viewer.Organization == auction.OwnerOrganization;
                    AuctionMineDto? mine = null;
                    if (!ownerSide && ranking is not null)
                    {
                        var own = ranking.FirstOrDefault(r => r.Bidder == viewer.Organization);
                        var sealedOpen = AuctionFormats.IsSealed(auction.Format) && auction.Status != Auctions.Statuses.Closed;
                        mine = new AuctionMineDto(own?.Price, own is null || sealedOpen ? null : ranking.ToList().IndexOf(own) + 1, sealedOpen ? 0 : ranking.Count);
                    }
                    var best = AuctionFormats.IsSealed(auction.Format) || !(ownerSide || auction.BidderView == BidderViews.BestPrice) ? null : auction.BestPrice;
                    try
                    {
                        watcher.OnChange(new AuctionLiveDto(auction.Id, auction.LastSequence, auction.BidCount, auction.EndsAt, auction.Extensions, status, now, best,
                            mine, sees, auction.Status == Auctions.Statuses.Closed ? auction.Outcome : null));
                    }
                    catch (Exception e)
                    {
                        // One screen going away (its circuit torn down) must not keep this change from the others.
                        owner.log.LogDebug(e, "A watcher of auction {Auction} could not take its change.", auction.Id);
                    }
                }
            }
        }

        public void Dispose()
        {
            subscription.Dispose();
            wake.Writer.TryComplete();
        }
    }

    private sealed class Removal(Action remove) : IDisposable
    {
        private int done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref done, 1) == 0) remove();
        }
    }
}
