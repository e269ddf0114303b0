using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Weft.Flow;
using Weft.Flow.Contracts;
using Weft.Market.Organizations;
using Weft.Market.Persistence;
using Weft.Market.Visibility;
using Weft.Platform.Errors;
using Weft.Platform.Persistence;

namespace Weft.Market.Auctions;

/// <summary>
/// Live auctions: an organization sets one up for the organizations it invites; bidders bid; the engine closes it. Every
/// bid is checked and ordered under a lock on its auction's row (<see cref="AuctionRules"/> decide), so two bids at the
/// same moment get consecutive sequence numbers and the second is judged against the first; a refused bid is never
/// written. A bid in the last seconds moves the auction's end and its close timer in the same transaction.
/// </summary>
internal sealed class Auctions(MarketDb data, FlowEngines engines)
{
    public const int MaxParticipants = 500;
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(30);

    public static class Statuses
    {
        public const string Scheduled = "scheduled";
        public const string Live = "live";
        public const string Closing = "closing";
        public const string Closed = "closed";
        public const string Cancelled = "cancelled";
    }

    public async Task<AuctionDto> CreateAsync(long tenant, MarketViewer viewer, CreateAuctionRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        Validate(request, data.Now).ThrowIfAny();
        var kind = request.Kind!;
        if (!viewer.IsMember) throw WeftException.Forbidden("member_only", "An auction is set up by a member of a buyer or supplier organization.");
        var ownerKind = kind == AuctionKinds.Reverse ? MarketRoles.Buyer : MarketRoles.Supplier;
        var bidderKind = kind == AuctionKinds.Reverse ? MarketRoles.Supplier : MarketRoles.Buyer;
        var participants = request.Participants!.Distinct().ToList();
        // Checked before the flow is set up, so a refused request changes nothing; checked again in the transaction.
        await using (var read = await data.OpenAsync(tenant, viewer, ct))
            await CheckPartiesAsync(read, viewer, ownerKind, bidderKind, participants, ct);
        var engine = engines.For(tenant);
        await AuctionFlow.EnsureAsync(engine, ct);
        var id = await data.ChangeAsync(tenant, viewer, async (db, unit) =>
        {
            await CheckPartiesAsync(db, viewer, ownerKind, bidderKind, participants, ct);
            var auction = new AuctionRecord
            {
                Number = "AUC-" + Guid.NewGuid().ToString("N")[..10], Title = request.Title!.Trim(), OwnerOrganization = viewer.Organization, Kind = kind,
                Format = request.Format!, Material = request.Material!.Trim(), Specification = Blank(request.Specification), Quantity = request.Quantity!.Value,
                Unit = request.Unit!.Trim(), Currency = request.Currency!.Trim().ToUpperInvariant(), StartingPrice = request.StartingPrice!.Value,
                StepAmount = request.StepAmount, StepPercent = request.StepPercent, ReservePrice = request.ReservePrice,
                ExtendWithinSeconds = request.ExtendWithinSeconds ?? 0, ExtendBySeconds = request.ExtendBySeconds ?? 0,
                BidderView = request.BidderView ?? BidderViews.Rank, StartsAt = request.StartsAt!.Value.ToUniversalTime(),
                EndsAt = request.EndsAt!.Value.ToUniversalTime(), Status = Statuses.Scheduled, CreatedBy = viewer.Name, CreatedAt = data.Now,
            };
            auction.ScheduledEndsAt = auction.EndsAt;
            db.Auctions.Add(auction);
            await db.SaveChangesAsync(ct);
            auction.Number = $"AUC-{auction.Id:D5}";
            foreach (var organization in participants)
                db.AuctionParticipants.Add(new AuctionParticipantRecord { AuctionId = auction.Id, OrganizationId = organization, OwnerOrganization = auction.OwnerOrganization });
            var job = await engine.Jobs.StartJobAsync(new CommandContext(viewer.Name) { Unit = unit },
                new StartJobRequest(AuctionFlow.Graph, null, 1, auction.Number, 0, auction.EndsAt,
                    new JsonObject { ["auction"] = auction.Id, ["number"] = auction.Number, [AuctionFlow.EndsAtField] = Iso(auction.EndsAt) }), ct);
            auction.JobId = job.Id;
            await db.SaveChangesAsync(ct);
            return auction.Id;
        }, ct);
        return await GetAsync(tenant, viewer, id, ct);
    }

    private static async Task CheckPartiesAsync(MarketDbContext db, MarketViewer viewer, string ownerKind, string bidderKind, List<long> participants, CancellationToken ct)
    {
        var owner = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == viewer.Organization, ct)
            ?? throw WeftException.Forbidden("member_only", "An auction is set up by a member of a buyer or supplier organization.");
        if (owner.Kind != ownerKind)
            throw WeftException.Rule("wrong_organization_kind", ownerKind == MarketRoles.Buyer
                ? "A reverse auction (prices fall) is set up by a buyer; a supplier sets up a forward auction."
                : "A forward auction (prices rise) is set up by a supplier; a buyer sets up a reverse auction.");
        var found = await db.Organizations.AsNoTracking().Where(o => participants.Contains(o.Id)).Select(o => new { o.Id, o.Kind, o.Verified, o.Name }).ToListAsync(ct);
        var missing = participants.Except(found.Select(f => f.Id)).ToList();
        if (missing.Count > 0) throw WeftException.Rule("participant_not_found", $"No organization {string.Join(", ", missing)} in this marketplace.", new { organizations = missing });
        var wrong = found.Where(f => f.Kind != bidderKind).Select(f => f.Name).ToList();
        if (wrong.Count > 0) throw WeftException.Rule("participant_invalid", $"Only {bidderKind}s bid in this auction: {string.Join(", ", wrong)} cannot.");
        var unverified = found.Where(f => f.Kind == MarketRoles.Supplier && !f.Verified).Select(f => f.Name).ToList();
        if (unverified.Count > 0) throw WeftException.Rule("supplier_not_verified", $"Only verified suppliers bid: {string.Join(", ", unverified)} {(unverified.Count == 1 ? "is" : "are")} not verified.");
    }

    /// <summary>
    /// Places a bid for the caller's organization: checked against the auction's rules and its ladder under the auction's
    /// lock, numbered, and (when late) moving the auction's end and its close timer, all in one transaction.
    /// </summary>
    public async Task<PlacedBidDto> PlaceBidAsync(long tenant, MarketViewer viewer, long id, PlaceBidRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Price is null) throw WeftException.Invalid("validation_failed", "'price' is required.", new Dictionary<string, string[]> { ["price"] = ["'price' is required."] });
        var price = request.Price.Value;
        var engine = engines.For(tenant);
        return await data.ChangeAsync(tenant, viewer, async (db, unit) =>
        {
            var auction = await db.Auctions.ForUpdate().FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw NotFound(id);
            if (!viewer.IsMember || auction.OwnerOrganization == viewer.Organization
                || !await db.AuctionParticipants.AnyAsync(p => p.AuctionId == id && p.OrganizationId == viewer.Organization, ct))
                throw WeftException.Forbidden("not_a_bidder", "Only the organizations invited to this auction bid in it.");
            if (auction.Status == Statuses.Cancelled) throw WeftException.Conflict("auction_cancelled", $"{auction.Number} was cancelled.");
            // Invited while verified is not enough: a supplier whose badge went (an expired certificate) bids no more.
            var bidder = await db.Organizations.AsNoTracking().Where(o => o.Id == viewer.Organization).Select(o => new { o.Name, o.Kind, o.Verified }).FirstAsync(ct);
            if (bidder.Kind == MarketRoles.Supplier && !bidder.Verified)
                throw WeftException.Forbidden("supplier_not_verified", $"{bidder.Name} has lost its verified badge; only verified suppliers bid.");
            var now = data.Now;
            var terms = TermsOf(auction);
            var verdict = AuctionRules.Check(terms, new LadderState(auction.BestPrice, auction.StartsAt, auction.EndsAt, auction.Status == Statuses.Closed), price, now);
            if (!verdict.Accepted)
                throw verdict.Code is "auction_closed" or "auction_not_started"
                    ? WeftException.Conflict(verdict.Code, verdict.Message!, new { endsAt = auction.EndsAt, startsAt = auction.StartsAt })
                    : WeftException.Rule(verdict.Code!, verdict.Message!, new { limit = verdict.Limit, best = VisibleBest(auction) });
            var sealedBid = AuctionFormats.IsSealed(auction.Format);
            if (sealedBid)
                await db.Bids.Where(b => b.AuctionId == id && b.BidderOrganization == viewer.Organization && !b.Replaced)
                    .ExecuteUpdateAsync(u => u.SetProperty(b => b.Replaced, true), ct);
            var bid = new BidRecord
            {
                AuctionId = id, Sequence = ++auction.LastSequence, BidderOrganization = viewer.Organization, OwnerOrganization = auction.OwnerOrganization,
                BidderUserId = viewer.UserId, BidderName = viewer.Name, Price = price, Revealed = !sealedBid, PlacedAt = now,
            };
            db.Bids.Add(bid);
            auction.BidCount++;
            if (!sealedBid) auction.BestPrice = price;
            if (verdict.Extended)
            {
                auction.EndsAt = verdict.EndsAt;
                auction.Extensions++;
                if (auction.JobId is { } job)
                    await engine.Jobs.ReplanJobAsync(new CommandContext(viewer.Name) { Unit = unit }, job,
                        new ReplanJobRequest(null, null, new JsonObject { [AuctionFlow.EndsAtField] = Iso(auction.EndsAt) }), ct);
            }
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            return new PlacedBidDto(ToDto(bid, bidder.Name), sealedBid ? null : 1, auction.EndsAt, verdict.Extended, bid.Sequence);
        }, ct);
    }

    /// <summary>
    /// Closes an auction whose time is up (the engine's timer): ranks the bids, applies the reserve and the price rule,
    /// reveals sealed bids. Closing a closed auction answers its outcome again. An end moved by a bid that was accepted
    /// just as the timer fired makes the close wait (the engine tries again).
    /// </summary>
    public async Task<string> CloseAsync(long tenant, long id, CancellationToken ct) =>
        await data.ChangeAsync(tenant, MarketViewer.System, async db =>
        {
            var auction = await db.Auctions.ForUpdate().FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw NotFound(id);
            if (auction.Status is Statuses.Closed or Statuses.Cancelled) return auction.Outcome ?? auction.Status;
            if (data.Now < auction.EndsAt)
                throw new InvalidOperationException($"{auction.Number} ends at {Iso(auction.EndsAt)}, after a late bid moved its end; its close waits until then.");
            var bids = await db.Bids.Where(b => b.AuctionId == id && !b.Replaced).Select(b => new RankedBid(b.Id, b.Sequence, b.BidderOrganization, b.Price)).ToListAsync(ct);
            var result = AuctionRules.Close(TermsOf(auction), bids);
            auction.Status = Statuses.Closed;
            auction.Outcome = result.Outcome;
            auction.WinnerOrganization = result.Winner?.Bidder;
            auction.WinningBidId = result.Winner?.Id;
            auction.ClearingPrice = result.ClearingPrice;
            auction.ClosedAt = data.Now;
            if (AuctionFormats.IsSealed(auction.Format))
                await db.Bids.Where(b => b.AuctionId == id).ExecuteUpdateAsync(u => u.SetProperty(b => b.Revealed, true), ct);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            await Deals.Deals.OpenForAuctionAsync(db, auction, data.Now, ct);
            return result.Outcome;
        }, ct);

    /// <summary>Cancels an auction that has not closed (its owner or the staff); its close job is cancelled with it.</summary>
    public async Task<AuctionDto> CancelAsync(long tenant, MarketViewer viewer, long id, CancellationToken ct)
    {
        var engine = engines.For(tenant);
        await data.ChangeAsync(tenant, viewer, async (db, unit) =>
        {
            var auction = await db.Auctions.ForUpdate().FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw NotFound(id);
            if (!viewer.IsStaff && auction.OwnerOrganization != viewer.Organization)
                throw WeftException.Forbidden("auction_owner_only", "Only the auction's owner or the marketplace's staff may cancel it.");
            if (auction.Status is Statuses.Closed or Statuses.Cancelled) throw WeftException.Conflict("auction_closed", $"{auction.Number} is {auction.Status} already.");
            auction.Status = Statuses.Cancelled;
            auction.ClosedAt = data.Now;
            if (auction.JobId is { } job) await engine.Jobs.CancelJobAsync(new CommandContext(viewer.Name) { Unit = unit }, job, ct);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);
        return await GetAsync(tenant, viewer, id, ct);
    }

    public async Task<IReadOnlyList<AuctionSummaryDto>> ListAsync(long tenant, MarketViewer viewer, string? status, CancellationToken ct)
    {
        if (status is not null && status is not (Statuses.Scheduled or Statuses.Live or Statuses.Closing or Statuses.Closed or Statuses.Cancelled))
            throw WeftException.Invalid("validation_failed", "'status' is one of: scheduled, live, closing, closed, cancelled.");
        await using var db = await data.OpenAsync(tenant, viewer, ct);
        var rows = await db.Auctions.AsNoTracking().OrderByDescending(a => a.StartsAt).Take(500).ToListAsync(ct);
        var names = await NamesAsync(db, rows.Select(r => r.OwnerOrganization), ct);
        var now = data.Now;
        return rows.Select(a => new AuctionSummaryDto(a.Id, a.Number, a.Title, a.Kind, a.Format, a.Material, a.Quantity, a.Unit, a.Currency,
                StatusOf(a, now), a.StartsAt, a.EndsAt, a.BidCount, a.OwnerOrganization, names.GetValueOrDefault(a.OwnerOrganization, ""), a.Outcome))
            .Where(a => status is null || a.Status == status).ToList();
    }

    public async Task<AuctionDto> GetAsync(long tenant, MarketViewer viewer, long id, CancellationToken ct)
    {
        AuctionRecord auction;
        List<long> participants;
        Dictionary<long, string> names;
        // Read and given back before the bidder's standing is read with a context of its own: a caller holds one connection at a time.
        await using (var db = await data.OpenAsync(tenant, viewer, ct))
        {
            auction = await db.Auctions.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw NotFound(id);
            participants = await db.AuctionParticipants.AsNoTracking().Where(p => p.AuctionId == id).Select(p => p.OrganizationId).ToListAsync(ct);
            names = await NamesAsync(db, participants.Append(auction.OwnerOrganization).Append(auction.WinnerOrganization ?? 0), ct);
        }
        var now = data.Now;
        var owner = viewer.IsStaff || viewer.Kind == MarketViewerKind.System || auction.OwnerOrganization == viewer.Organization;
        var bidder = viewer.IsMember && participants.Contains(viewer.Organization) && auction.OwnerOrganization != viewer.Organization;
        AuctionMineDto? mine = null;
        if (bidder) mine = await MineAsync(tenant, auction, viewer.Organization, ct);
        var closed = auction.Status == Statuses.Closed;
        var winnerShown = closed && (owner || auction.WinnerOrganization == viewer.Organization);
        var status = StatusOf(auction, now);
        return new AuctionDto(auction.Id, auction.Number, auction.Title, auction.OwnerOrganization, names.GetValueOrDefault(auction.OwnerOrganization, ""),
            auction.Kind, auction.Format, auction.Material, auction.Specification, auction.Quantity, auction.Unit, auction.Currency, auction.StartingPrice,
            auction.StepAmount, auction.StepPercent, owner ? auction.ReservePrice : null, auction.ExtendWithinSeconds, auction.ExtendBySeconds, auction.BidderView,
            auction.StartsAt, auction.EndsAt, auction.ScheduledEndsAt, auction.Extensions, status, now, auction.BidCount, auction.LastSequence,
            owner || auction.BidderView == BidderViews.BestPrice ? VisibleBest(auction) : null, mine, closed ? auction.Outcome : null,
            winnerShown ? auction.WinnerOrganization : null, winnerShown && auction.WinnerOrganization is { } w ? names.GetValueOrDefault(w) : null,
            winnerShown ? auction.ClearingPrice : null, auction.ClosedAt,
            participants.Select(p => new ParticipantDto(p, names.GetValueOrDefault(p, ""))).OrderBy(p => p.Name, StringComparer.Ordinal).ToList(),
            bidder && status == Statuses.Live, auction.Version);
    }

    /// <summary>The bids the viewer may see, in arrival order: the owner and staff all revealed ones, a bidder its own.</summary>
    public async Task<IReadOnlyList<BidDto>> BidsAsync(long tenant, MarketViewer viewer, long id, CancellationToken ct)
    {
        await using var db = await data.OpenAsync(tenant, viewer, ct);
        if (!await db.Auctions.AnyAsync(a => a.Id == id, ct)) throw NotFound(id);
        var bids = await db.Bids.AsNoTracking().Where(b => b.AuctionId == id).OrderBy(b => b.Sequence).ToListAsync(ct);
        var names = await NamesAsync(db, bids.Select(b => b.BidderOrganization), ct);
        return bids.Select(b => ToDto(b, names.GetValueOrDefault(b.BidderOrganization, ""))).ToList();
    }

    /// <summary>The same bids as CSV, for the viewer's records.</summary>
    public async Task<string> ExportAsync(long tenant, MarketViewer viewer, long id, CancellationToken ct)
    {
        var bids = await BidsAsync(tenant, viewer, id, ct);
        var csv = new StringBuilder("sequence,placed_at,bidder,price\n");
        foreach (var b in bids)
            csv.Append(b.Sequence.ToString(CultureInfo.InvariantCulture)).Append(',').Append(Iso(b.PlacedAt)).Append(',')
                .Append(Csv(b.BidderName)).Append(',').Append(b.Price.ToString(CultureInfo.InvariantCulture)).Append('\n');
        return csv.ToString();
    }

    /// <summary>A bidder's standing: its best bid and its rank among the bidders' best (read past the visibility filter, only as counts).</summary>
    private async Task<AuctionMineDto> MineAsync(long tenant, AuctionRecord auction, long organization, CancellationToken ct)
    {
        await using var db = await data.OpenAsync(tenant, MarketViewer.System, ct);
        var bids = await db.Bids.AsNoTracking().Where(b => b.AuctionId == auction.Id && !b.Replaced)
            .Select(b => new RankedBid(b.Id, b.Sequence, b.BidderOrganization, b.Price)).ToListAsync(ct);
        var ranking = AuctionRules.Rank(TermsOf(auction), bids);
        var own = ranking.FirstOrDefault(r => r.Bidder == organization);
        var sealedOpen = AuctionFormats.IsSealed(auction.Format) && auction.Status != Statuses.Closed;
        int? rank = own is null || sealedOpen ? null : ranking.ToList().IndexOf(own) + 1;
        return new AuctionMineDto(own?.Price, rank, sealedOpen ? 0 : ranking.Count);
    }

    private static decimal? VisibleBest(AuctionRecord auction) => AuctionFormats.IsSealed(auction.Format) ? null : auction.BestPrice;

    public static string StatusOf(AuctionRecord auction, DateTime now) => auction.Status switch
    {
        Statuses.Closed or Statuses.Cancelled => auction.Status,
        _ when now < auction.StartsAt => Statuses.Scheduled,
        _ when now < auction.EndsAt => Statuses.Live,
        _ => Statuses.Closing,
    };

    public static AuctionTerms TermsOf(AuctionRecord a) =>
        new(a.Kind, a.Format, a.StartingPrice, a.StepAmount, a.StepPercent, a.ReservePrice, a.ExtendWithinSeconds, a.ExtendBySeconds);

    /// <summary>The terms as a viewer reads them (the reserve only where shown), for a page to say what a bid must beat.</summary>
    public static AuctionTerms TermsOf(AuctionDto a) =>
        new(a.Kind, a.Format, a.StartingPrice, a.StepAmount, a.StepPercent, a.ReservePrice, a.ExtendWithinSeconds, a.ExtendBySeconds);

    private static async Task<Dictionary<long, string>> NamesAsync(MarketDbContext db, IEnumerable<long> ids, CancellationToken ct)
    {
        var wanted = ids.Where(i => i > 0).Distinct().ToList();
        return await db.Organizations.AsNoTracking().Where(o => wanted.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
    }

    private static BidDto ToDto(BidRecord b, string organization) =>
        new(b.Id, b.AuctionId, b.Sequence, b.BidderOrganization, organization, b.Price, b.PlacedAt, b.Revealed);

    private static FieldErrors Validate(CreateAuctionRequest r, DateTime now)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(r.Title) || r.Title.Trim().Length > 200) errors.Add("title", "'title' is required, at most 200 characters.");
        if (r.Kind is null || !AuctionKinds.All.Contains(r.Kind)) errors.Add("kind", "'kind' is reverse (a buyer buys, prices fall) or forward (a supplier sells, prices rise).");
        if (r.Format is null || !AuctionFormats.All.Contains(r.Format)) errors.Add("format", $"'format' is one of: {string.Join(", ", AuctionFormats.All)}.");
        if (string.IsNullOrWhiteSpace(r.Material) || r.Material.Trim().Length > 100) errors.Add("material", "'material' is required, at most 100 characters.");
        if (r.Specification is { Length: > 2000 }) errors.Add("specification", "'specification' is at most 2,000 characters.");
        if (r.Quantity is not { } quantity || quantity <= 0 || quantity > 10_000_000) errors.Add("quantity", "'quantity' is more than 0 and at most 10,000,000.");
        if (string.IsNullOrWhiteSpace(r.Unit) || r.Unit.Trim().Length > 16) errors.Add("unit", "'unit' is required (e.g. t), at most 16 characters.");
        if (r.Currency is null || r.Currency.Trim().Length != 3 || !r.Currency.Trim().All(char.IsAsciiLetter)) errors.Add("currency", "'currency' is a three-letter ISO 4217 code (e.g. USD).");
        if (r.StartingPrice is not { } starting || starting <= 0 || starting > AuctionRules.MaxPrice || decimal.Round(starting, 4) != starting)
            errors.Add("startingPrice", "'startingPrice' is a positive price with at most four decimals.");
        var sealedFormat = r.Format is not null && AuctionFormats.All.Contains(r.Format) && AuctionFormats.IsSealed(r.Format);
        if (r.Format == AuctionFormats.English)
        {
            if ((r.StepAmount is null) == (r.StepPercent is null)) errors.Add("stepAmount", "An English auction has a minimum step: 'stepAmount' or 'stepPercent', one of them.");
            if (r.StepAmount is { } step && (step <= 0 || step > AuctionRules.MaxPrice)) errors.Add("stepAmount", "'stepAmount' is positive.");
            if (r.StepPercent is { } percent && (percent <= 0 || percent > 50)) errors.Add("stepPercent", "'stepPercent' is more than 0 and at most 50.");
            if (r.BidderView is not null && !BidderViews.All.Contains(r.BidderView)) errors.Add("bidderView", "'bidderView' is rank (bidders see their rank) or best_price (and the best price).");
            if (r.ExtendWithinSeconds is < 0 or > 3600) errors.Add("extendWithinSeconds", "'extendWithinSeconds' is 0 (no extension) to 3,600.");
            if (r.ExtendBySeconds is < 0 or > 3600) errors.Add("extendBySeconds", "'extendBySeconds' is 0 to 3,600.");
            if ((r.ExtendWithinSeconds ?? 0) > 0 != (r.ExtendBySeconds ?? 0) > 0) errors.Add("extendBySeconds", "Anti-sniping needs both 'extendWithinSeconds' and 'extendBySeconds', or neither.");
        }
        else if (sealedFormat && (r.StepAmount is not null || r.StepPercent is not null || (r.ExtendWithinSeconds ?? 0) > 0 || (r.ExtendBySeconds ?? 0) > 0
            || r.BidderView is not null))
        {
            errors.Add("format", "A sealed auction has no step, no extension and no bidder view: each bidder's last bid counts at the close.");
        }
        if (r.ReservePrice is { } reserve && (reserve <= 0 || reserve > AuctionRules.MaxPrice)) errors.Add("reservePrice", "'reservePrice' is positive.");
        if (r.StartsAt is not { } starts || starts.Kind == DateTimeKind.Unspecified) errors.Add("startsAt", "'startsAt' is required, with a time zone (ISO-8601).");
        if (r.EndsAt is not { } ends || ends.Kind == DateTimeKind.Unspecified) errors.Add("endsAt", "'endsAt' is required, with a time zone (ISO-8601).");
        if (r.StartsAt is { Kind: not DateTimeKind.Unspecified } s && r.EndsAt is { Kind: not DateTimeKind.Unspecified } e)
        {
            var (from, to) = (s.ToUniversalTime(), e.ToUniversalTime());
            if (to <= from) errors.Add("endsAt", "'endsAt' is after 'startsAt'.");
            else if (to - from > MaxDuration) errors.Add("endsAt", "An auction lasts at most 30 days.");
            if (to <= now) errors.Add("endsAt", "'endsAt' is in the future.");
        }
        if (r.Participants is not { Count: > 0 } participants || participants.Count > MaxParticipants)
            errors.Add("participants", $"'participants' names 1 to {MaxParticipants} organizations invited to bid.");
        return errors;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public static string Iso(DateTime at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    // A text a spreadsheet would run as a formula is written as text.
    private static string Csv(string text)
    {
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@') text = "'" + text;
        return text.IndexOfAny([',', '"', '\n', '\r']) < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    public static WeftException NotFound(long id) => WeftException.NotFound("auction_not_found", $"Auction {id} does not exist.");
}

public sealed record AuctionSummaryDto(
    long Id, string Number, string Title, string Kind, string Format, string Material, decimal Quantity, string Unit, string Currency, string Status,
    DateTime StartsAt, DateTime EndsAt, int BidCount, long OwnerOrganization, string OwnerName, string? Outcome);
