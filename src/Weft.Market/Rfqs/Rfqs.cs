using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Weft.Flow;
using Weft.Flow.Contracts;
using Weft.Market.Organizations;
using Weft.Market.Persistence;
using Weft.Market.Visibility;
using Weft.Platform.Errors;
using Weft.Platform.Paging;

namespace Weft.Market.Rfqs;

/// <summary>
/// A buyer's requests for quotation: written whole (lines, delivery, terms, deadline) and opened at once to the invited
/// suppliers (or every verified one), each starting its flow (<see cref="RfqFlow"/>); more suppliers may be invited while
/// quoting is open. What a caller sees of them is the market's visibility: a foreign RFQ is a missing one.
/// </summary>
internal sealed class Rfqs(MarketDb data, FlowEngines engines)
{
    public const int MaxPage = 200;

    public async Task<Page<RfqSummaryDto>> ListAsync(long tenant, MarketViewer viewer, string? state, int? limit, string? cursor, CancellationToken ct)
    {
        if (state is not null && !RfqStates.All.Contains(state))
            throw WeftException.Invalid("validation_failed", $"'state' is one of: {string.Join(", ", RfqStates.All)}.");
        var take = Math.Clamp(limit ?? 50, 1, MaxPage);
        var before = cursor is null ? long.MaxValue
            : long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var c) && c > 0 ? c : throw WeftException.Invalid("cursor_invalid", "'cursor' is not one this list gave.");
        await using var db = await data.OpenAsync(tenant, viewer, ct);
        var query = db.Rfqs.AsNoTracking().Where(r => r.Id < before);
        if (state is not null) query = query.Where(r => r.State == state);
        var rows = await query.OrderByDescending(r => r.Id).Take(take + 1).ToListAsync(ct);
        var page = rows.Take(take).ToList();
        var ids = page.Select(r => r.Id).ToList();
        var lines = await db.RfqLines.AsNoTracking().Where(l => ids.Contains(l.RfqId)).GroupBy(l => l.RfqId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var names = await NamesAsync(db, page.Select(r => r.BuyerOrganizationId), ct);
        var next = rows.Count > take ? page[^1].Id.ToString(CultureInfo.InvariantCulture) : null;
        return new Page<RfqSummaryDto>(page.Select(r => new RfqSummaryDto(r.Id, r.Number, r.Title, r.BuyerOrganizationId,
            names.GetValueOrDefault(r.BuyerOrganizationId, ""), r.State, r.ClosesAt, lines.GetValueOrDefault(r.Id), r.OpenToVerified, r.CreatedAt)).ToList(), next);
    }

    public async Task<RfqDto> GetAsync(long tenant, MarketViewer viewer, long id, CancellationToken ct)
    {
        await using var db = await data.OpenAsync(tenant, viewer, ct);
        return await ToDtoAsync(db, viewer, await db.Rfqs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw RfqRules.NotFound(id), ct);
    }

    public async Task<RfqDto> CreateAsync(long tenant, MarketViewer viewer, CreateRfqRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        Check(request, data.Now).ThrowIfAny();
        RfqRules.RequireBuyer(viewer);
        var suppliers = request.Suppliers?.Distinct().ToList() ?? [];
        var engine = engines.For(tenant);
        await RfqFlow.EnsureAsync(engine, ct);
        var id = await data.ChangeAsync(tenant, viewer, async (db, unit) =>
        {
            await RequireSuppliersAsync(db, suppliers, ct);
            var now = data.Now;
            var closesAt = request.ClosesAt!.Value.ToUniversalTime();
            var rfq = new RfqRecord
            {
                Number = "RFQ-" + Guid.NewGuid().ToString("N")[..12], BuyerOrganizationId = viewer.Organization, Title = request.Title!.Trim(),
                DeliveryFrom = request.DeliveryFrom!.Value.ToUniversalTime(), DeliveryTo = request.DeliveryTo!.Value.ToUniversalTime(),
                Destination = request.Destination!.Trim().ToUpperInvariant(), Incoterm = request.Incoterm!.Trim().ToUpperInvariant(),
                PaymentTerms = request.PaymentTerms!.Trim(),
                Attachments = string.Join('\n', (request.Attachments ?? []).Select(a => $"{a!.Name!.Trim()}|{a.Url!.Trim()}")),
                OpenToVerified = request.OpenToVerified ?? false, State = RfqStates.Open, ClosesAt = closesAt,
                CreatedBy = viewer.UserId, CreatedAt = now, UpdatedAt = now,
            };
            db.Rfqs.Add(rfq);
            await db.SaveChangesAsync(ct);
            rfq.Number = $"RFQ-{rfq.Id:D5}";
            var number = 0;
            foreach (var line in request.Lines!)
                db.RfqLines.Add(new RfqLineRecord
                {
                    RfqId = rfq.Id, BuyerOrganizationId = rfq.BuyerOrganizationId, Number = ++number, Material = line!.Material!.Trim(),
                    Grade = line.Grade!.Trim(), Specification = line.Specification?.Trim() ?? "", Quantity = line.Quantity!.Value, Unit = line.Unit!.Trim(),
                });
            Invite(db, rfq, suppliers, now);
            var job = await engine.Jobs.StartJobAsync(new CommandContext(Actor(viewer)) { Unit = unit },
                new StartJobRequest(RfqFlow.Graph, null, 1, rfq.Number, 0, closesAt, RfqFlow.Data(rfq)), ct);
            rfq.JobId = job.Id;
            await db.SaveChangesAsync(ct);
            return rfq.Id;
        }, ct);
        return await GetAsync(tenant, viewer, id, ct);
    }

    public async Task<RfqDto> InviteAsync(long tenant, MarketViewer viewer, long id, InviteRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var suppliers = request.Suppliers?.Distinct().ToList();
        if (suppliers is null || suppliers.Count == 0 || suppliers.Count > RfqRules.MaxSuppliers || suppliers.Any(s => s <= 0))
            throw FieldErrors.Of("suppliers", $"'suppliers' lists 1-{RfqRules.MaxSuppliers} supplier organizations' ids.");
        await data.ChangeAsync(tenant, viewer, async db =>
        {
            var rfq = await db.Rfqs.FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw RfqRules.NotFound(id);
            RfqRules.RequireBuyerOf(viewer, rfq);
            RfqRules.RequireQuoting(rfq, data.Now);
            await RequireSuppliersAsync(db, suppliers, ct);
            var already = await db.RfqInvitations.Where(i => i.RfqId == id).Select(i => i.SupplierOrganizationId).ToListAsync(ct);
            Invite(db, rfq, suppliers.Except(already).ToList(), data.Now);
            rfq.UpdatedAt = data.Now;
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);
        return await GetAsync(tenant, viewer, id, ct);
    }

    /// <summary>
    /// Extends quoting: the RFQ's deadline moves later, and so do its flow's timers (the reminder and the close), which
    /// wait for the dates in the job's data; the invited suppliers are told.
    /// </summary>
    public async Task<RfqDto> ExtendAsync(long tenant, MarketViewer viewer, long id, DeadlineRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = data.Now;
        if (request.ClosesAt is not { } requested) throw FieldErrors.Of("closesAt", "'closesAt' is required: the new quoting deadline.");
        var closesAt = requested.ToUniversalTime();
        if (closesAt <= now.AddMinutes(1) || closesAt > now.AddYears(1)) throw FieldErrors.Of("closesAt", "'closesAt' is in the future, within a year.");
        var engine = engines.For(tenant);
        await data.ChangeAsync(tenant, viewer, async (db, unit) =>
        {
            var rfq = await db.Rfqs.FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw RfqRules.NotFound(id);
            RfqRules.RequireBuyerOf(viewer, rfq);
            RfqRules.RequireQuoting(rfq, now);
            if (closesAt <= rfq.ClosesAt)
                throw WeftException.Rule("deadline_not_extended", $"{rfq.Number} closes at {rfq.ClosesAt:u}; a deadline is only ever extended, to be fair to the suppliers quoting.");
            rfq.ClosesAt = closesAt;
            rfq.UpdatedAt = now;
            var invited = await db.RfqInvitations.Where(i => i.RfqId == id).Select(i => i.SupplierOrganizationId).ToListAsync(ct);
            foreach (var supplier in invited)
                db.Notices.Add(RfqRules.Notice(supplier, NoticeKinds.Extended, rfq, $"{rfq.Number} \"{rfq.Title}\" now closes for quotes at {closesAt:u}.", now));
            await db.SaveChangesAsync(ct);
            if (rfq.JobId is { } job)
                await engine.Jobs.ReplanJobAsync(new CommandContext(Actor(viewer)) { Unit = unit }, job, new ReplanJobRequest(null, closesAt, RfqFlow.Dates(rfq)), ct);
            return true;
        }, ct);
        return await GetAsync(tenant, viewer, id, ct);
    }

    public const int MinReason = 3;
    public const int MaxReason = 500;

    /// <summary>
    /// The buyer cancels an RFQ that is not awarded yet (open or closed): its quotes are cancelled, every supplier invited
    /// or quoting is told why, and the RFQ's flow job is cancelled with it, so that no reminder, close or lapse comes after;
    /// all in one transaction.
    /// </summary>
    public async Task<RfqDto> CancelAsync(long tenant, MarketViewer viewer, long id, CancelRfqRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reason = request.Reason?.Trim();
        if (reason is null || reason.Length < MinReason || reason.Length > MaxReason)
            throw FieldErrors.Of("reason", $"'reason' is required, {MinReason}-{MaxReason} characters: the suppliers read why the RFQ was cancelled.");
        var engine = engines.For(tenant);
        await data.ChangeAsync(tenant, viewer, async (db, unit) =>
        {
            var rfq = await db.Rfqs.FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw RfqRules.NotFound(id);
            RfqRules.RequireBuyerOf(viewer, rfq);
            if (rfq.State is not (RfqStates.Open or RfqStates.Closed))
                throw WeftException.Conflict("rfq_not_cancellable", $"{rfq.Number} is {rfq.State}; only an open or closed RFQ, not awarded yet, may be cancelled.");
            var now = data.Now;
            var quotes = await db.Quotes.Where(q => q.RfqId == id).ToListAsync(ct);
            // A quote's own dates stay as the supplier left them (its history): only its state says it went with the RFQ.
            foreach (var quote in quotes) quote.State = QuoteStates.Cancelled;
            var invited = await db.RfqInvitations.Where(i => i.RfqId == id).Select(i => i.SupplierOrganizationId).ToListAsync(ct);
            foreach (var supplier in invited.Union(quotes.Select(q => q.SupplierOrganizationId)))
                db.Notices.Add(RfqRules.Notice(supplier, NoticeKinds.Cancelled, rfq, $"{rfq.Number} \"{rfq.Title}\" was cancelled by the buyer: {reason}", now));
            (rfq.State, rfq.CancelledAt, rfq.CancelReason, rfq.UpdatedAt) = (RfqStates.Cancelled, now, reason, now);
            await db.SaveChangesAsync(ct);
            if (rfq.JobId is { } job) await engine.Jobs.CancelJobAsync(new CommandContext(Actor(viewer)) { Unit = unit }, job, ct);
            return true;
        }, ct);
        return await GetAsync(tenant, viewer, id, ct);
    }

    private static void Invite(MarketDbContext db, RfqRecord rfq, IReadOnlyList<long> suppliers, DateTime now)
    {
        foreach (var supplier in suppliers)
        {
            db.RfqInvitations.Add(new RfqInvitationRecord
            {
                RfqId = rfq.Id, BuyerOrganizationId = rfq.BuyerOrganizationId, SupplierOrganizationId = supplier, InvitedAt = now,
            });
            db.Notices.Add(RfqRules.Notice(supplier, NoticeKinds.Invited, rfq,
                $"You are invited to quote on {rfq.Number} \"{rfq.Title}\" until {rfq.ClosesAt:u}.", now));
        }
    }

    private static async Task RequireSuppliersAsync(MarketDbContext db, IReadOnlyList<long> suppliers, CancellationToken ct)
    {
        if (suppliers.Count == 0) return;
        var found = await db.Organizations.AsNoTracking().Where(o => suppliers.Contains(o.Id) && o.Kind == MarketRoles.Supplier).Select(o => o.Id).ToListAsync(ct);
        var missing = suppliers.Except(found).ToList();
        if (missing.Count > 0)
            throw WeftException.Rule("supplier_not_found", $"No supplier organization has the id {string.Join(", ", missing)}.", new { suppliers = missing });
    }

    public static string Actor(MarketViewer viewer) => viewer.UserId > 0 ? $"u:{viewer.UserId}" : viewer.Name;

    public static async Task<Dictionary<long, string>> NamesAsync(MarketDbContext db, IEnumerable<long> organizations, CancellationToken ct)
    {
        var ids = organizations.Distinct().ToList();
        return await db.Organizations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
    }

    public static async Task<RfqDto> ToDtoAsync(MarketDbContext db, MarketViewer viewer, RfqRecord r, CancellationToken ct)
    {
        var lines = await db.RfqLines.AsNoTracking().Where(l => l.RfqId == r.Id).OrderBy(l => l.Number).ToListAsync(ct);
        // The buyer sees everyone it invited; an invited supplier sees itself only (the invitations' filter).
        var invited = await db.RfqInvitations.AsNoTracking().Where(i => i.RfqId == r.Id).OrderBy(i => i.Id)
            .Join(db.Organizations, i => i.SupplierOrganizationId, o => o.Id, (i, o) => new { o.Id, o.Name, o.Country, o.Verified }).ToListAsync(ct);
        var quoted = await db.Quotes.AsNoTracking().Where(q => q.RfqId == r.Id).Select(q => q.SupplierOrganizationId).ToListAsync(ct);
        var questions = await db.RfqQuestions.AsNoTracking().Where(q => q.RfqId == r.Id).OrderBy(q => q.Id).ToListAsync(ct);
        var buyer = await db.Organizations.AsNoTracking().Where(o => o.Id == r.BuyerOrganizationId).Select(o => o.Name).FirstOrDefaultAsync(ct) ?? "";
        var files = await db.RfqFiles.AsNoTracking().Where(f => f.RfqId == r.Id).OrderBy(f => f.Id).ToListAsync(ct);
        return new RfqDto(r.Id, r.Number, r.Title, r.BuyerOrganizationId, buyer, r.State,
            lines.Select(l => new RfqLineDto(l.Number, l.Material, l.Grade, l.Specification, l.Quantity, l.Unit)).ToList(),
            r.DeliveryFrom, r.DeliveryTo, r.Destination, r.Incoterm, r.PaymentTerms, AttachmentsOf(r),
            r.OpenToVerified, r.ClosesAt, r.ClosedAt, r.AwardedAt, viewer.IsMember && viewer.Organization != r.BuyerOrganizationId ? null : r.JobId,
            invited.Select(i => new InvitedSupplierDto(i.Id, i.Name, i.Country, i.Verified, quoted.Contains(i.Id))).ToList(),
            questions.Select(q => new QuestionDto(q.Id, q.Text, q.Answer, q.AskedAt, q.AnsweredAt, viewer.IsMember && q.AskedByOrganizationId == viewer.Organization)).ToList(),
            r.CreatedAt, r.Version, r.CancelledAt, r.CancelReason, files.Select(RfqFiles.ToDto).ToList());
    }

    private static List<AttachmentDto> AttachmentsOf(RfqRecord r) =>
        r.Attachments.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(a => a.Split('|', 2)).Select(a => new AttachmentDto(a[0], a.Length > 1 ? a[1] : "")).ToList();

    private static FieldErrors Check(CreateRfqRequest request, DateTime now)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(request.Title) || request.Title.Trim().Length > 200) errors.Add("title", "'title' is required, at most 200 characters.");
        if (request.Lines is null || request.Lines.Count == 0 || request.Lines.Count > RfqRules.MaxLines)
            errors.Add("lines", $"'lines' lists 1-{RfqRules.MaxLines} materials.");
        else
            for (var i = 0; i < request.Lines.Count; i++)
            {
                var line = request.Lines[i];
                var at = $"lines[{i}]";
                if (line is null) { errors.Add(at, "A line is an object."); continue; }
                if (line.Material is null || !TradeTerms.Materials.ContainsKey(line.Material.Trim()))
                    errors.Add($"{at}.material", $"'material' is one of: {string.Join(", ", TradeTerms.Materials.Keys)}.");
                if (string.IsNullOrWhiteSpace(line.Grade) || line.Grade.Trim().Length > 100) errors.Add($"{at}.grade", "'grade' is required, at most 100 characters (e.g. battery grade, SC6).");
                if (line.Specification is { Length: > 4000 }) errors.Add($"{at}.specification", "'specification' is at most 4,000 characters.");
                if (line.Quantity is not (> 0 and <= 10_000_000m)) errors.Add($"{at}.quantity", "'quantity' is more than 0 and at most 10,000,000.");
                if (line.Unit is null || !TradeTerms.Units.ContainsKey(line.Unit.Trim())) errors.Add($"{at}.unit", $"'unit' is one of: {string.Join(", ", TradeTerms.Units.Keys)}.");
            }
        if (request.DeliveryFrom is null) errors.Add("deliveryFrom", "'deliveryFrom' is required: the first day of the delivery window.");
        if (request.DeliveryTo is null) errors.Add("deliveryTo", "'deliveryTo' is required: the last day of the delivery window.");
        if (request.DeliveryFrom is { } from && request.DeliveryTo is { } to && to < from) errors.Add("deliveryTo", "'deliveryTo' is on or after 'deliveryFrom'.");
        if (string.IsNullOrWhiteSpace(request.Destination) || request.Destination.Trim().Length > 64) errors.Add("destination", "'destination' is required: the port of destination, at most 64 characters.");
        if (request.Incoterm is null || !TradeTerms.Incoterms.Contains(request.Incoterm.Trim().ToUpperInvariant()))
            errors.Add("incoterm", $"'incoterm' is one of: {string.Join(", ", TradeTerms.Incoterms)}.");
        if (string.IsNullOrWhiteSpace(request.PaymentTerms) || request.PaymentTerms.Trim().Length > 400) errors.Add("paymentTerms", "'paymentTerms' is required, at most 400 characters (e.g. 30 days after B/L).");
        if (request.Attachments is { } attachments)
        {
            if (attachments.Count > RfqRules.MaxAttachments) errors.Add("attachments", $"'attachments' lists at most {RfqRules.MaxAttachments}.");
            else if (attachments.Any(a => a is null || string.IsNullOrWhiteSpace(a.Name) || a.Name.Trim().Length > 200 || a.Name.Contains('|') || a.Name.Contains('\n')
                || a.Url is null || a.Url.Length > 400 || !Uri.TryCreate(a.Url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")))
                errors.Add("attachments", "Each attachment has a 'name' (at most 200 characters) and an http(s) 'url' (at most 400).");
        }
        if (request.ClosesAt is not { } closes) errors.Add("closesAt", "'closesAt' is required: the quoting deadline.");
        else if (closes.ToUniversalTime() <= now.AddMinutes(1) || closes.ToUniversalTime() > now.AddYears(1))
            errors.Add("closesAt", "'closesAt' is in the future, within a year.");
        var suppliers = request.Suppliers ?? [];
        if (suppliers.Count > RfqRules.MaxSuppliers || suppliers.Any(s => s <= 0)) errors.Add("suppliers", $"'suppliers' lists at most {RfqRules.MaxSuppliers} supplier organizations' ids.");
        else if (suppliers.Count == 0 && request.OpenToVerified != true) errors.Add("suppliers", "Invite suppliers, or open the RFQ to every verified supplier ('openToVerified').");
        return errors;
    }
}
