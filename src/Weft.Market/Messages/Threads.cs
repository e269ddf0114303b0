using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Weft.Market.Auctions;
using Weft.Market.Organizations;
using Weft.Market.Persistence;
using Weft.Market.Rfqs;
using Weft.Market.Suppliers;
using Weft.Market.Visibility;
using Weft.Platform.Errors;

namespace Weft.Market.Messages;

/// <summary>
/// Buyer and supplier messaging each other about one RFQ, auction or deal, with files. A thread is its two organizations'
/// (and the staff's to read, never to post: <see cref="MarketVisibility"/>); to anyone else it is missing. Either side
/// starts it with its first message, provided that side is a party to the subject: an RFQ's buyer and a supplier that may
/// see it (invited; open to verified suppliers and verified; or one that quoted), an auction's owner and a participant, a
/// deal's buyer and supplier.
/// </summary>
internal sealed class Threads(MarketDb data)
{
    public const int MaxText = 4000;
    public const int MaxFiles = 5;
    public const int MaxPage = 200;
    /// <summary>How many messages one person may send a minute, across threads.</summary>
    public const int MaxPerMinute = 30;

    public async Task<IReadOnlyList<ThreadSummaryDto>> ListAsync(long tenant, MarketViewer viewer, string? subject, long? subjectId, int? limit, CancellationToken ct)
    {
        if (subject is not null && !ThreadSubjects.All.Contains(subject))
            throw FieldErrors.Of("subject", $"'subject' is one of: {string.Join(", ", ThreadSubjects.All)}.");
        if (subjectId is not null && subject is null) throw FieldErrors.Of("subjectId", "'subjectId' goes with 'subject'.");
        var take = Math.Clamp(limit ?? 100, 1, MaxPage);
        await using var db = await data.OpenAsync(tenant, viewer, ct);
        var query = db.Threads.AsNoTracking();
        if (subject is not null) query = query.Where(t => t.SubjectKind == subject);
        if (subjectId is { } sid) query = query.Where(t => t.SubjectId == sid);
        var rows = await query.OrderByDescending(t => t.LastMessageAt).ThenByDescending(t => t.Id).Take(take).ToListAsync(ct);
        var names = await Rfqs.Rfqs.NamesAsync(db, rows.SelectMany(t => new[] { t.BuyerOrganizationId, t.SupplierOrganizationId }), ct);
        return rows.Select(t => Summary(t, viewer, names)).ToList();
    }

    /// <summary>A thread with its messages and meetings; reading it marks it read for the reader's organization.</summary>
    public async Task<ThreadDto> GetAsync(long tenant, MarketViewer viewer, long id, CancellationToken ct)
    {
        if (viewer.IsMember)
            await data.ChangeAsync(tenant, viewer, async db =>
            {
                var thread = await db.Threads.FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw NotFound(id);
                if (thread.BuyerOrganizationId == viewer.Organization && thread.BuyerUnread > 0) thread.BuyerUnread = 0;
                else if (thread.SupplierOrganizationId == viewer.Organization && thread.SupplierUnread > 0) thread.SupplierUnread = 0;
                else return false;
                await db.SaveChangesAsync(ct);
                return true;
            }, ct);
        await using var read = await data.OpenAsync(tenant, viewer, ct);
        var row = await read.Threads.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw NotFound(id);
        return await ToDtoAsync(read, viewer, row, ct);
    }

    /// <summary>Starts a thread with its first message, or adds the message to the thread the two already have about the subject.</summary>
    public async Task<(ThreadDto Thread, MessageDto Message)> StartAsync(long tenant, MarketViewer viewer, StartThreadRequest request,
        IReadOnlyList<MessageFile> files, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        if (request.Subject is null || !ThreadSubjects.All.Contains(request.Subject))
            errors.Add("subject", $"'subject' is one of: {string.Join(", ", ThreadSubjects.All)}.");
        if (request.SubjectId is not > 0) errors.Add("subjectId", "'subjectId' is the id of the RFQ, auction or deal.");
        if (request.With is <= 0) errors.Add("with", "'with' is the id of the organization to write to.");
        CheckText(request.Text, errors);
        errors.ThrowIfAny();
        var checkedFiles = CheckFiles(files);
        RequireParty(viewer);
        var (threadId, messageId) = await data.ChangeAsync(tenant, viewer, async db =>
        {
            var party = await PartiesAsync(db, viewer, request.Subject!, request.SubjectId!.Value, request.With, ct);
            await RequireUnderLimitAsync(db, viewer, ct);
            var now = data.Now;
            var thread = await db.Threads.FirstOrDefaultAsync(t => t.SubjectKind == request.Subject && t.SubjectId == request.SubjectId
                && t.BuyerOrganizationId == party.Buyer && t.SupplierOrganizationId == party.Supplier, ct);
            if (thread is null)
            {
                thread = new ThreadRecord
                {
                    SubjectKind = request.Subject!, SubjectId = request.SubjectId!.Value, SubjectNumber = party.Number, SubjectTitle = Cut(party.Title, 200),
                    BuyerOrganizationId = party.Buyer, SupplierOrganizationId = party.Supplier, CreatedAt = now, LastMessageAt = now,
                };
                db.Threads.Add(thread);
                await db.SaveChangesAsync(ct);
            }
            var message = await AddAsync(db, thread, viewer, "text", request.Text!.Trim(), null, checkedFiles, now, ct);
            return (thread.Id, message.Id);
        }, ct);
        return await ReadBackAsync(tenant, viewer, threadId, messageId, ct);
    }

    public async Task<MessageDto> PostAsync(long tenant, MarketViewer viewer, long id, PostMessageRequest request, IReadOnlyList<MessageFile> files, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        CheckText(request.Text, errors);
        errors.ThrowIfAny();
        var checkedFiles = CheckFiles(files);
        var messageId = await data.ChangeAsync(tenant, viewer, async db =>
        {
            var thread = await db.Threads.FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw NotFound(id);
            RequireSide(viewer, thread);
            await RequireUnderLimitAsync(db, viewer, ct);
            return (await AddAsync(db, thread, viewer, "text", request.Text!.Trim(), null, checkedFiles, data.Now, ct)).Id;
        }, ct);
        return (await ReadBackAsync(tenant, viewer, id, messageId, ct)).Message;
    }

    public async Task<AttachmentFile> DownloadAsync(long tenant, MarketViewer viewer, long id, long attachment, CancellationToken ct)
    {
        await using var db = await data.OpenAsync(tenant, viewer, ct);
        var row = await db.MessageAttachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachment && a.ThreadId == id, ct) ?? throw AttachmentNotFound(id, attachment);
        var content = await db.MessageAttachmentContents.AsNoTracking().Where(c => c.AttachmentId == attachment).Select(c => c.Bytes).FirstOrDefaultAsync(ct)
            ?? throw AttachmentNotFound(id, attachment);
        return new AttachmentFile(row.Name, row.ContentType, row.Sha256, content);
    }

    /// <summary>Adds a message (and its files) to a thread in the caller's unit of work; the other side's unread count goes up.</summary>
    public static async Task<ThreadMessageRecord> AddAsync(MarketDbContext db, ThreadRecord thread, MarketViewer viewer, string kind, string text, long? meeting,
        IReadOnlyList<CheckedFile> files, DateTime now, CancellationToken ct)
    {
        var message = new ThreadMessageRecord
        {
            ThreadId = thread.Id, BuyerOrganizationId = thread.BuyerOrganizationId, SupplierOrganizationId = thread.SupplierOrganizationId,
            SenderOrganizationId = viewer.Organization, SenderUserId = viewer.UserId, SenderName = Cut(viewer.Name, 200), Kind = kind, Text = text,
            MeetingId = meeting, CreatedAt = now,
        };
        db.ThreadMessages.Add(message);
        thread.MessageCount++;
        thread.LastText = Cut(text.ReplaceLineEndings(" "), 200);
        thread.LastMessageAt = now;
        if (viewer.Organization == thread.BuyerOrganizationId) thread.SupplierUnread++;
        else thread.BuyerUnread++;
        await db.SaveChangesAsync(ct);
        foreach (var file in files)
        {
            var attachment = new MessageAttachmentRecord
            {
                ThreadId = thread.Id, MessageId = message.Id, BuyerOrganizationId = thread.BuyerOrganizationId, SupplierOrganizationId = thread.SupplierOrganizationId,
                Name = file.Name, ContentType = file.ContentType, Size = file.Content.Length, Sha256 = Convert.ToHexStringLower(SHA256.HashData(file.Content)),
            };
            db.MessageAttachments.Add(attachment);
            await db.SaveChangesAsync(ct);
            db.MessageAttachmentContents.Add(new MessageAttachmentContentRecord
            {
                AttachmentId = attachment.Id, BuyerOrganizationId = thread.BuyerOrganizationId, SupplierOrganizationId = thread.SupplierOrganizationId, Bytes = file.Content,
            });
        }
        if (files.Count > 0) await db.SaveChangesAsync(ct);
        return message;
    }

    /// <summary>Only the thread's two organizations' members post in it; the staff read (403), anyone else does not see it (404).</summary>
    public static void RequireSide(MarketViewer viewer, ThreadRecord thread)
    {
        if (viewer.IsMember && (viewer.Organization == thread.BuyerOrganizationId || viewer.Organization == thread.SupplierOrganizationId))
        {
            // A member writes in a role of its side: buyer_admin or buyer for the buyer, supplier_admin or sales for the supplier.
            var side = viewer.Organization == thread.BuyerOrganizationId ? MarketRoles.Buyer : MarketRoles.Supplier;
            if (MarketRoles.RolesOf(side).Contains(viewer.Role!)) return;
            throw WeftException.Forbidden("parties_only", $"Only members with a {side}'s role write in this thread.");
        }
        if (viewer.IsMember) throw NotFound(thread.Id);
        throw WeftException.Forbidden("parties_only", "Only the buyer's and the supplier's members write in a thread; the marketplace's staff read it.");
    }

    /// <summary>A member of a buyer or supplier organization, in a role of its side.</summary>
    public static void RequireParty(MarketViewer viewer)
    {
        if (!viewer.IsMember || !(MarketRoles.RolesOf(MarketRoles.Buyer).Contains(viewer.Role!) || MarketRoles.RolesOf(MarketRoles.Supplier).Contains(viewer.Role!)))
            throw WeftException.Forbidden("parties_only", "Only a buyer's or a supplier's members write to each other; the marketplace's staff read.");
    }

    public sealed record Parties(long Buyer, long Supplier, string Number, string Title);

    /// <summary>
    /// The buyer and the supplier of a thread the viewer starts about a subject, with <paramref name="with"/> the other side.
    /// A subject the viewer is no party to is missing to them (404), as is a counterpart that is not a party to it.
    /// </summary>
    private static async Task<Parties> PartiesAsync(MarketDbContext db, MarketViewer viewer, string subject, long subjectId, long? with, CancellationToken ct)
    {
        var me = viewer.Organization;
        // Parties are decided on the rows themselves (read past the viewer's filters, which the decision reproduces): a
        // supplier that quoted may still write after losing the badge an open RFQ asked for.
        var saved = db.Viewer;
        db.Viewer = MarketViewer.System;
        try
        {
            switch (subject)
            {
                case ThreadSubjects.Rfq:
                {
                    var rfq = await db.Rfqs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == subjectId, ct) ?? throw RfqRules.NotFound(subjectId);
                    if (rfq.BuyerOrganizationId == me)
                    {
                        var supplier = with ?? throw FieldErrors.Of("with", "'with' names the supplier to write to.");
                        if (!await SeesRfqAsync(db, rfq, supplier, ct)) throw CounterpartNotFound(supplier);
                        return new Parties(me, supplier, rfq.Number, rfq.Title);
                    }
                    if (!await SeesRfqAsync(db, rfq, me, ct)) throw RfqRules.NotFound(subjectId);
                    RequireCounterpart(with, rfq.BuyerOrganizationId);
                    return new Parties(rfq.BuyerOrganizationId, me, rfq.Number, rfq.Title);
                }
                case ThreadSubjects.Auction:
                {
                    var auction = await db.Auctions.AsNoTracking().FirstOrDefaultAsync(a => a.Id == subjectId, ct) ?? throw AuctionNotFound(subjectId);
                    var participants = await db.AuctionParticipants.AsNoTracking().Where(p => p.AuctionId == subjectId).Select(p => p.OrganizationId).ToListAsync(ct);
                    // Owner and bidders are always of opposite kinds: a buyer owns a reverse auction, a supplier a forward one.
                    var ownerIsBuyer = auction.Kind == AuctionKinds.Reverse;
                    if (auction.OwnerOrganization == me)
                    {
                        var bidder = with ?? throw FieldErrors.Of("with", "'with' names the participant to write to.");
                        if (!participants.Contains(bidder)) throw CounterpartNotFound(bidder);
                        return ownerIsBuyer ? new Parties(me, bidder, auction.Number, auction.Title) : new Parties(bidder, me, auction.Number, auction.Title);
                    }
                    if (!participants.Contains(me)) throw AuctionNotFound(subjectId);
                    RequireCounterpart(with, auction.OwnerOrganization);
                    return ownerIsBuyer ? new Parties(auction.OwnerOrganization, me, auction.Number, auction.Title)
                        : new Parties(me, auction.OwnerOrganization, auction.Number, auction.Title);
                }
                default:
                {
                    var deal = await db.Deals.AsNoTracking().FirstOrDefaultAsync(d => d.Id == subjectId, ct) ?? throw DealNotFound(subjectId);
                    if (deal.BuyerOrganizationId != me && deal.SupplierOrganizationId != me) throw DealNotFound(subjectId);
                    RequireCounterpart(with, deal.BuyerOrganizationId == me ? deal.SupplierOrganizationId : deal.BuyerOrganizationId);
                    return new Parties(deal.BuyerOrganizationId, deal.SupplierOrganizationId, deal.Number, deal.Title);
                }
            }
        }
        finally
        {
            db.Viewer = saved;
        }
    }

    /// <summary>Whether a supplier may see an RFQ (the RFQ filter's rule for one supplier) or has quoted on it.</summary>
    private static async Task<bool> SeesRfqAsync(MarketDbContext db, RfqRecord rfq, long supplier, CancellationToken ct) =>
        await db.RfqInvitations.AnyAsync(i => i.RfqId == rfq.Id && i.SupplierOrganizationId == supplier, ct)
        || (rfq.OpenToVerified && await db.Organizations.AnyAsync(o => o.Id == supplier && o.Kind == MarketRoles.Supplier && o.Verified, ct))
        || await db.Quotes.AnyAsync(q => q.RfqId == rfq.Id && q.SupplierOrganizationId == supplier, ct);

    private static void RequireCounterpart(long? with, long counterpart)
    {
        if (with is { } w && w != counterpart) throw CounterpartNotFound(w);
    }

    private async Task RequireUnderLimitAsync(MarketDbContext db, MarketViewer viewer, CancellationToken ct)
    {
        var since = data.Now.AddMinutes(-1);
        if (await db.ThreadMessages.CountAsync(m => m.SenderUserId == viewer.UserId && m.CreatedAt > since && m.Kind == "text", ct) >= MaxPerMinute)
            throw WeftException.Rule("too_many_messages", $"At most {MaxPerMinute} messages a minute; wait a moment and send again.");
    }

    private static void CheckText(string? text, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Length > MaxText) errors.Add("text", $"'text' is required, at most {MaxText:N0} characters.");
    }

    public sealed record CheckedFile(string Name, string ContentType, byte[] Content);

    /// <summary>The files of a message, each as a supplier's documents are taken (PDF, PNG or JPEG within <see cref="DocumentTypes.MaxBytes"/>, their bytes agreeing).</summary>
    public static IReadOnlyList<CheckedFile> CheckFiles(IReadOnlyList<MessageFile> files)
    {
        if (files.Count > MaxFiles) throw FieldErrors.Of("files", $"A message carries at most {MaxFiles} files.");
        var result = new List<CheckedFile>();
        foreach (var file in files)
        {
            var name = Path.GetFileName(file.Name?.Trim() ?? "");
            if (name.Length is 0 or > DocumentTypes.MaxName || name.Any(char.IsControl))
                throw FieldErrors.Of("files", $"Each file has a name of 1-{DocumentTypes.MaxName} characters.");
            var type = DocumentTypes.Of(name) ?? throw WeftException.UnsupportedType("document_type_not_allowed", $"'{name}' is not a PDF, PNG or JPEG file.");
            if (file.Content.Length == 0) throw WeftException.Rule("document_empty", $"'{name}' is empty.");
            if (file.Content.Length > DocumentTypes.MaxBytes) throw SupplierDocuments.TooLarge(name);
            if (!DocumentTypes.Agrees(type, file.Content))
                throw WeftException.UnsupportedType("document_content_mismatch", $"'{name}' does not look like the {type} file its name says it is.");
            result.Add(new CheckedFile(name, type, file.Content));
        }
        return result;
    }

    private async Task<(ThreadDto Thread, MessageDto Message)> ReadBackAsync(long tenant, MarketViewer viewer, long threadId, long messageId, CancellationToken ct)
    {
        await using var db = await data.OpenAsync(tenant, viewer, ct);
        var thread = await db.Threads.AsNoTracking().FirstAsync(t => t.Id == threadId, ct);
        var dto = await ToDtoAsync(db, viewer, thread, ct);
        return (dto, dto.Messages.First(m => m.Id == messageId));
    }

    public static async Task<ThreadDto> ToDtoAsync(MarketDbContext db, MarketViewer viewer, ThreadRecord thread, CancellationToken ct)
    {
        var names = await Rfqs.Rfqs.NamesAsync(db, [thread.BuyerOrganizationId, thread.SupplierOrganizationId], ct);
        var messages = await db.ThreadMessages.AsNoTracking().Where(m => m.ThreadId == thread.Id).OrderBy(m => m.Id).ToListAsync(ct);
        var files = (await db.MessageAttachments.AsNoTracking().Where(a => a.ThreadId == thread.Id).OrderBy(a => a.Id).ToListAsync(ct))
            .ToLookup(a => a.MessageId);
        var meetings = await Meetings.ListAsync(db, viewer, thread.Id, ct);
        return new ThreadDto(Summary(thread, viewer, names), viewer.IsMember && (viewer.Organization == thread.BuyerOrganizationId || viewer.Organization == thread.SupplierOrganizationId),
            messages.Select(m => new MessageDto(m.Id, m.ThreadId, m.Kind, m.Text, m.SenderOrganizationId, names.GetValueOrDefault(m.SenderOrganizationId, ""), m.SenderName,
                viewer.IsMember && m.SenderOrganizationId == viewer.Organization, m.MeetingId,
                files[m.Id].Select(a => new MessageAttachmentDto(a.Id, a.Name, a.ContentType, a.Size)).ToList(), m.CreatedAt)).ToList(),
            meetings);
    }

    private static ThreadSummaryDto Summary(ThreadRecord t, MarketViewer viewer, IReadOnlyDictionary<long, string> names)
    {
        var buyerSide = viewer.IsMember && viewer.Organization == t.BuyerOrganizationId;
        var supplierSide = viewer.IsMember && viewer.Organization == t.SupplierOrganizationId;
        long? counterpart = buyerSide ? t.SupplierOrganizationId : supplierSide ? t.BuyerOrganizationId : null;
        return new ThreadSummaryDto(t.Id, t.SubjectKind, t.SubjectId, t.SubjectNumber, t.SubjectTitle, t.BuyerOrganizationId, names.GetValueOrDefault(t.BuyerOrganizationId, ""),
            t.SupplierOrganizationId, names.GetValueOrDefault(t.SupplierOrganizationId, ""), counterpart,
            counterpart is { } c ? names.GetValueOrDefault(c, "") : $"{names.GetValueOrDefault(t.BuyerOrganizationId, "")} and {names.GetValueOrDefault(t.SupplierOrganizationId, "")}",
            t.LastText, t.LastMessageAt, t.MessageCount, buyerSide ? t.BuyerUnread : supplierSide ? t.SupplierUnread : 0);
    }

    public static string Cut(string text, int max) => text.Length <= max ? text : text[..max];

    public static WeftException NotFound(long id) => WeftException.NotFound("thread_not_found", $"Thread {id} does not exist.");

    private static WeftException AttachmentNotFound(long id, long attachment) =>
        WeftException.NotFound("attachment_not_found", $"Thread {id} has no attachment {attachment}.");

    private static WeftException CounterpartNotFound(long id) =>
        WeftException.NotFound("counterpart_not_found", $"Organization {id} is not a party to this subject.");

    private static WeftException AuctionNotFound(long id) => WeftException.NotFound("auction_not_found", $"Auction {id} does not exist.");

    private static WeftException DealNotFound(long id) => WeftException.NotFound("deal_not_found", $"Deal {id} does not exist.");
}
