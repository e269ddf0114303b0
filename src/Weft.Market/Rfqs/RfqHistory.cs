using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Weft.Flow;
using Weft.Flow.Contracts;
using Weft.Market.Visibility;

namespace Weft.Market.Rfqs;

/// <summary>
/// What happened to an RFQ, oldest first, from two sources that each keep their own part: the engine's event log of the
/// RFQ's flow job (what the flow did: the deadline replanned, the reminders step, quoting closed, the award's wait
/// lapsing) and the market's own rows (what people did: the RFQ written, invitations, questions and answers, quotes,
/// the award, the cancellation). The buyer and the staff see all of it; an invited supplier sees what everyone who sees
/// the RFQ may know (written, questions and answers without who asked, the deadline, closed, the outcome) and its own
/// quotes; it never learns whom else the buyer invited, nor who else quoted.
/// </summary>
internal sealed class RfqHistory(MarketDb data, FlowEngines engines)
{
    /// <summary>At most this many of the job's events are read (the RFQ flow writes a few dozen).</summary>
    public const int MaxFlowEvents = 2000;

    public async Task<IReadOnlyList<RfqEventDto>> ListAsync(long tenant, MarketViewer viewer, long id, CancellationToken ct)
    {
        var events = new List<RfqEventDto>();
        long? job;
        bool everything;
        await using (var db = await data.OpenAsync(tenant, viewer, ct))
        {
            var rfq = await db.Rfqs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw RfqRules.NotFound(id);
            everything = !viewer.IsMember || viewer.Organization == rfq.BuyerOrganizationId;
            job = rfq.JobId;
            var buyer = await db.Organizations.AsNoTracking().Where(o => o.Id == rfq.BuyerOrganizationId).Select(o => o.Name).FirstOrDefaultAsync(ct) ?? "";
            events.Add(new RfqEventDto(rfq.CreatedAt, RfqEventKinds.Created, $"{buyer} opened {rfq.Number} for quotes until {Utc(rfq.ClosesAt)}.", null, null));
            // The filters already show a supplier its own quotes only; the invitations are the buyer's business.
            var quotes = await db.Quotes.AsNoTracking().Where(q => q.RfqId == id).OrderBy(q => q.Id).ToListAsync(ct);
            var invitations = everything
                ? await db.RfqInvitations.AsNoTracking().Where(i => i.RfqId == id).OrderBy(i => i.Id).ToListAsync(ct)
                : [];
            var names = await Rfqs.NamesAsync(db, quotes.Select(q => q.SupplierOrganizationId).Concat(invitations.Select(i => i.SupplierOrganizationId)), ct);
            foreach (var i in invitations)
                events.Add(new RfqEventDto(i.InvitedAt, RfqEventKinds.Invited, $"{names.GetValueOrDefault(i.SupplierOrganizationId, "A supplier")} was invited to quote.",
                    i.SupplierOrganizationId, names.GetValueOrDefault(i.SupplierOrganizationId)));
            foreach (var q in await db.RfqQuestions.AsNoTracking().Where(q => q.RfqId == id).OrderBy(q => q.Id).ToListAsync(ct))
            {
                events.Add(new RfqEventDto(q.AskedAt, RfqEventKinds.QuestionAsked, $"A supplier asked: {q.Text}", null, null));
                if (q is { Answer: { } answer, AnsweredAt: { } answeredAt })
                    events.Add(new RfqEventDto(answeredAt, RfqEventKinds.QuestionAnswered, $"The buyer answered \"{Short(q.Text)}\": {answer}", null, null));
            }
            foreach (var q in quotes)
            {
                var who = everything ? names.GetValueOrDefault(q.SupplierOrganizationId, "A supplier") : "Your organization";
                events.Add(new RfqEventDto(q.SubmittedAt, RfqEventKinds.QuoteSubmitted, $"{who} submitted quote {q.Id}.", q.SupplierOrganizationId,
                    names.GetValueOrDefault(q.SupplierOrganizationId)));
                if (q.UpdatedAt > q.SubmittedAt)
                    events.Add(new RfqEventDto(q.UpdatedAt, RfqEventKinds.QuoteRevised, $"{who} revised quote {q.Id}.", q.SupplierOrganizationId,
                        names.GetValueOrDefault(q.SupplierOrganizationId)));
            }
            if (rfq.AwardedAt is { } awardedAt)
            {
                // The buyer reads who won what; a supplier that the RFQ was awarded, and its own share (the awards' filter).
                var awards = await db.Awards.AsNoTracking().Where(a => a.RfqId == id).ToListAsync(ct);
                var winners = await Rfqs.NamesAsync(db, awards.Select(a => a.SupplierOrganizationId), ct);
                var text = everything
                    ? $"The buyer awarded {rfq.Number} to {string.Join(", ", awards.Select(a => a.SupplierOrganizationId).Distinct().Select(s => winners.GetValueOrDefault(s, "a supplier")))}."
                    : awards.Count > 0 ? $"The buyer awarded {rfq.Number}, in part or whole to your organization." : $"The buyer awarded {rfq.Number} to another supplier.";
                events.Add(new RfqEventDto(awardedAt, RfqEventKinds.Awarded, text, null, null));
            }
            if (rfq.CancelledAt is { } cancelledAt)
                events.Add(new RfqEventDto(cancelledAt, RfqEventKinds.Cancelled, $"The buyer cancelled {rfq.Number}: {rfq.CancelReason}", null, null));
        }
        if (job is { } jobId) events.AddRange(await FlowEventsAsync(tenant, jobId, everything, ct));
        // Oldest first; at the same instant, in the order of an RFQ's life (closed before awarded), else as read (a stable sort).
        return events.OrderBy(e => e.At).ThenBy(e => RfqEventKinds.Rank(e.Kind)).ToList();
    }

    /// <summary>What the RFQ's flow did, as the engine recorded it for its job.</summary>
    private async Task<List<RfqEventDto>> FlowEventsAsync(long tenant, long job, bool everything, CancellationToken ct)
    {
        var engine = engines.For(tenant);
        var events = new List<RfqEventDto>();
        string? cursor = null;
        var read = 0;
        do
        {
            var page = await engine.Jobs.GetJobEventsAsync(job, 500, cursor, ct);
            read += page.Items.Count;
            foreach (var e in page.Items)
                if (Of(e, everything) is { } shown) events.Add(shown);
            cursor = page.NextCursor;
        }
        while (cursor is not null && read < MaxFlowEvents);
        return events;
    }

    private static RfqEventDto? Of(EventDto e, bool everything) => (e.Type, e.Node) switch
    {
        ("job_replanned", _) when e.Data?["dueAt"] is JsonValue due && due.TryGetValue<DateTime>(out var to) =>
            new RfqEventDto(e.At, RfqEventKinds.DeadlineExtended,
                e.Data["oldDueAt"] is JsonValue old && old.TryGetValue<DateTime>(out var from)
                    ? $"The deadline moved from {Utc(from)} to {Utc(to)}." : $"The deadline moved to {Utc(to)}.", null, null),
        ("work_item_completed", RfqFlow.Remind) when everything =>
            new RfqEventDto(e.At, RfqEventKinds.RemindersSent, "The invited suppliers who had not quoted were reminded of the deadline.", null, null),
        ("work_item_completed", RfqFlow.Close) => new RfqEventDto(e.At, RfqEventKinds.Closed, "Quoting closed at the deadline.", null, null),
        ("work_item_completed", RfqFlow.Lapse) => new RfqEventDto(e.At, RfqEventKinds.Lapsed, $"The RFQ lapsed: it was not awarded within {RfqFlow.AwardDays} days.", null, null),
        _ => null,
    };

    private static string Utc(DateTime at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Short(string text) => text.Length > 80 ? text[..77] + "..." : text;
}

/// <summary>The kinds of event in an RFQ's history.</summary>
public static class RfqEventKinds
{
    public const string Created = "created";
    public const string Invited = "invited";
    public const string QuestionAsked = "question_asked";
    public const string QuestionAnswered = "question_answered";
    public const string QuoteSubmitted = "quote_submitted";
    public const string QuoteRevised = "quote_revised";
    public const string DeadlineExtended = "deadline_extended";
    public const string RemindersSent = "reminders_sent";
    public const string Closed = "closed";
    public const string Awarded = "awarded";
    public const string Lapsed = "lapsed";
    public const string Cancelled = "cancelled";

    private static readonly string[] Order =
        [Created, Invited, QuestionAsked, QuestionAnswered, QuoteSubmitted, QuoteRevised, DeadlineExtended, RemindersSent, Closed, Awarded, Lapsed, Cancelled];

    /// <summary>Where a kind comes in an RFQ's life, which orders events of the same instant.</summary>
    public static int Rank(string kind) => Array.IndexOf(Order, kind);
}
