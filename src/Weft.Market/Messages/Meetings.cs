using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Weft.Market.Persistence;
using Weft.Market.Visibility;
using Weft.Platform.Errors;
using Weft.Platform.Web.Mail;

namespace Weft.Market.Messages;

/// <summary>
/// Video meetings proposed in a thread ("TELEBUY"): either side proposes a time, a length and a title; the link is made
/// from the marketplace's video service (<see cref="MarketSettings"/>; none set is refused, nothing saved). The other side
/// accepts or declines; the proposing side may cancel. Every change is a message in the thread and a calendar invitation
/// (<see cref="MeetingInvitations"/>) mailed to the members of both organizations after the change commits
/// (<see cref="MeetingMail"/>): written with the change, so nothing acknowledged is lost.
/// </summary>
internal sealed class Meetings(MarketDb data, Mailer mailer, MeetingMail outbox)
{
    public const int MinMinutes = 15;
    public const int MaxMinutes = 240;
    public const int MaxRecipients = 200;

    public async Task<MeetingDto> ProposeAsync(long tenant, MarketViewer viewer, long threadId, ProposeMeetingRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = data.Now;
        var errors = new FieldErrors();
        if (request.StartsAt is not { } starts || starts.Kind == DateTimeKind.Unspecified) errors.Add("startsAt", "'startsAt' is required, in UTC (ISO-8601 with Z or an offset).");
        else if (starts.ToUniversalTime() <= now || starts.ToUniversalTime() > now.AddYears(1)) errors.Add("startsAt", "'startsAt' is in the future, within a year.");
        if (request.DurationMinutes is not (>= MinMinutes and <= MaxMinutes)) errors.Add("durationMinutes", $"'durationMinutes' is {MinMinutes}-{MaxMinutes}.");
        if (string.IsNullOrWhiteSpace(request.Title) || request.Title.Trim().Length > 200) errors.Add("title", "'title' is required, at most 200 characters.");
        if (request.Agenda is { Length: > 4000 }) errors.Add("agenda", "'agenda' is at most 4,000 characters.");
        errors.ThrowIfAny();
        var id = await data.ChangeAsync(tenant, viewer, async db =>
        {
            var thread = await db.Threads.FirstOrDefaultAsync(t => t.Id == threadId, ct) ?? throw Threads.NotFound(threadId);
            Threads.RequireSide(viewer, thread);
            var template = await db.Settings.AsNoTracking().Select(s => s.VideoUrlTemplate).FirstOrDefaultAsync(ct);
            if (string.IsNullOrWhiteSpace(template))
                throw WeftException.Rule("video_service_not_configured", "The marketplace has no video service set up for meetings; its staff set one under Market settings.");
            var proposer = await db.Members.AsNoTracking().Where(m => m.UserId == viewer.UserId).Select(m => m.Email).FirstOrDefaultAsync(ct) ?? "";
            var meeting = new MeetingRecord
            {
                ThreadId = thread.Id, BuyerOrganizationId = thread.BuyerOrganizationId, SupplierOrganizationId = thread.SupplierOrganizationId,
                ProposedByOrganizationId = viewer.Organization, ProposedByUserId = viewer.UserId, ProposedByName = Threads.Cut(viewer.Name, 200), ProposedByEmail = proposer,
                Title = request.Title!.Trim(), Agenda = request.Agenda?.Trim() ?? "", StartsAt = request.StartsAt!.Value.ToUniversalTime(),
                DurationMinutes = request.DurationMinutes!.Value, Link = MarketSettings.Link(template), Uid = $"{Guid.NewGuid():N}@market.weft",
                Sequence = 0, State = MeetingStates.Proposed, CreatedAt = now, UpdatedAt = now,
            };
            db.Meetings.Add(meeting);
            await db.SaveChangesAsync(ct);
            await Threads.AddAsync(db, thread, viewer, "meeting", $"Proposed a video meeting: {meeting.Title}, {When(meeting)}.", meeting.Id, [], now, ct);
            await InviteAsync(db, thread, meeting, now, ct);
            return meeting.Id;
        }, ct);
        outbox.Wake();
        return await GetAsync(tenant, viewer, id, ct);
    }

    public Task<MeetingDto> AcceptAsync(long tenant, MarketViewer viewer, long id, CancellationToken ct) =>
        ChangeAsync(tenant, viewer, id, MeetingStates.Accepted, ct);

    public Task<MeetingDto> DeclineAsync(long tenant, MarketViewer viewer, long id, CancellationToken ct) =>
        ChangeAsync(tenant, viewer, id, MeetingStates.Declined, ct);

    public Task<MeetingDto> CancelAsync(long tenant, MarketViewer viewer, long id, CancellationToken ct) =>
        ChangeAsync(tenant, viewer, id, MeetingStates.Cancelled, ct);

    private async Task<MeetingDto> ChangeAsync(long tenant, MarketViewer viewer, long id, string to, CancellationToken ct)
    {
        await data.ChangeAsync(tenant, viewer, async db =>
        {
            var meeting = await db.Meetings.FirstOrDefaultAsync(m => m.Id == id, ct) ?? throw NotFound(id);
            var thread = await db.Threads.FirstAsync(t => t.Id == meeting.ThreadId, ct);
            Threads.RequireSide(viewer, thread);
            var now = data.Now;
            var proposer = viewer.Organization == meeting.ProposedByOrganizationId;
            if (to == MeetingStates.Cancelled)
            {
                if (!proposer) throw WeftException.Forbidden("proposer_only", "Only the side that proposed the meeting cancels it; the other side declines.");
                if (MeetingStates.Off(meeting.State)) throw WeftException.Conflict("meeting_over", $"The meeting is already {meeting.State}.");
            }
            else
            {
                if (proposer) throw WeftException.Forbidden("other_side_only", "The other side accepts or declines a meeting; the proposing side may cancel it.");
                if (meeting.State != MeetingStates.Proposed) throw WeftException.Conflict("meeting_answered", $"The meeting is already {meeting.State}.");
                if (to == MeetingStates.Accepted && meeting.StartsAt <= now) throw WeftException.Conflict("meeting_past", "The meeting's time has passed; propose another.");
            }
            meeting.State = to;
            meeting.Sequence++;
            meeting.RespondedByName = Threads.Cut(viewer.Name, 200);
            meeting.RespondedAt = now;
            meeting.UpdatedAt = now;
            await db.SaveChangesAsync(ct);
            var verb = to switch { MeetingStates.Accepted => "Accepted", MeetingStates.Declined => "Declined", _ => "Cancelled" };
            await Threads.AddAsync(db, thread, viewer, "meeting", $"{verb} the video meeting: {meeting.Title}, {When(meeting)}.", meeting.Id, [], now, ct);
            await InviteAsync(db, thread, meeting, now, ct);
            return true;
        }, ct);
        outbox.Wake();
        return await GetAsync(tenant, viewer, id, ct);
    }

    public async Task<MeetingDto> GetAsync(long tenant, MarketViewer viewer, long id, CancellationToken ct)
    {
        await using var db = await data.OpenAsync(tenant, viewer, ct);
        var meeting = await db.Meetings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct) ?? throw NotFound(id);
        return (await ListAsync(db, viewer, meeting.ThreadId, ct)).First(m => m.Id == id);
    }

    /// <summary>The meeting's invitation as it stands now (a cancellation once it is off).</summary>
    public async Task<InvitationFile> InvitationAsync(long tenant, MarketViewer viewer, long id, CancellationToken ct)
    {
        await using var db = await data.OpenAsync(tenant, viewer, ct);
        var meeting = await db.Meetings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct) ?? throw NotFound(id);
        var thread = await db.Threads.AsNoTracking().FirstAsync(t => t.Id == meeting.ThreadId, ct);
        var people = await AttendeesAsync(db, thread, ct);
        return new InvitationFile($"meeting-{meeting.Id}.ics", MeetingInvitations.MethodOf(meeting),
            MeetingInvitations.Render(meeting, Subject(thread), people, meeting.UpdatedAt));
    }

    public static async Task<IReadOnlyList<MeetingDto>> ListAsync(MarketDbContext db, MarketViewer viewer, long threadId, CancellationToken ct)
    {
        var meetings = await db.Meetings.AsNoTracking().Where(m => m.ThreadId == threadId).OrderBy(m => m.Id).ToListAsync(ct);
        var ids = meetings.Select(m => m.Id).ToList();
        var mails = await db.MeetingMails.AsNoTracking().Where(m => ids.Contains(m.MeetingId))
            .Select(m => new { m.MeetingId, m.Sequence, m.State, m.Error, m.Id }).ToListAsync(ct);
        return meetings.Select(m =>
        {
            var latest = mails.Where(x => x.MeetingId == m.Id && x.Sequence == m.Sequence).ToList();
            var state = latest.Count == 0 ? "none"
                : latest.Any(x => x.State == MailStates.NotConfigured) ? MailStates.NotConfigured
                : latest.Any(x => x.State == MailStates.Failed) ? MailStates.Failed
                : latest.Any(x => x.State == MailStates.Pending) ? MailStates.Pending : MailStates.Sent;
            var mail = new MeetingMailDto(state, latest.Count(x => x.State == MailStates.Sent), latest.Count(x => x.State == MailStates.Pending),
                latest.Count(x => x.State == MailStates.Failed), latest.OrderByDescending(x => x.Id).Select(x => x.Error).FirstOrDefault(e => e is not null));
            return new MeetingDto(m.Id, m.ThreadId, m.Title, m.Agenda, m.StartsAt, m.StartsAt.AddMinutes(m.DurationMinutes), m.DurationMinutes, m.Link, m.State,
                m.Sequence, m.ProposedByOrganizationId, m.ProposedByName, viewer.IsMember && viewer.Organization == m.ProposedByOrganizationId,
                m.RespondedByName, m.RespondedAt, mail, m.CreatedAt);
        }).ToList();
    }

    /// <summary>
    /// Writes the invitation mails of the meeting's latest change, one per member of both organizations, in the change's own
    /// unit of work; sent after it commits. Without a mail server they are recorded as not sent, and the meeting stands.
    /// </summary>
    private async Task InviteAsync(MarketDbContext db, ThreadRecord thread, MeetingRecord meeting, DateTime now, CancellationToken ct)
    {
        var people = await AttendeesAsync(db, thread, ct);
        var subjectLine = Subject(thread);
        var ics = MeetingInvitations.Render(meeting, subjectLine, people, now);
        var method = MeetingInvitations.MethodOf(meeting);
        var configured = mailer.Configured;
        var title = method == MeetingInvitations.Cancel ? $"Cancelled: {meeting.Title}" : meeting.State == MeetingStates.Accepted ? $"Accepted: {meeting.Title}" : $"Invitation: {meeting.Title}";
        foreach (var person in people)
            db.MeetingMails.Add(new MeetingMailRecord
            {
                MeetingId = meeting.Id, BuyerOrganizationId = thread.BuyerOrganizationId, SupplierOrganizationId = thread.SupplierOrganizationId,
                Sequence = meeting.Sequence, Method = method, Recipient = person.Email, Subject = Threads.Cut($"{title} ({thread.SubjectNumber})", 300),
                Body = Threads.Cut(MeetingInvitations.Description(meeting, subjectLine) + (method == MeetingInvitations.Cancel ? "\n\nThis meeting will not take place." : ""), 8000),
                Ics = ics, State = configured ? MailStates.Pending : MailStates.NotConfigured, DueAt = configured ? now : null,
                Error = configured ? null : "No mail server is configured (Weft:Mail:Host); nothing was sent.", CreatedAt = now,
            });
        await db.SaveChangesAsync(ct);
    }

    private static async Task<IReadOnlyList<MeetingInvitations.Person>> AttendeesAsync(MarketDbContext db, ThreadRecord thread, CancellationToken ct)
    {
        // The members of both organizations: read past the viewer's filter, which shows a member only their own organization's people.
        var saved = db.Viewer;
        db.Viewer = MarketViewer.System;
        try
        {
            return await db.Members.AsNoTracking()
                .Where(m => m.OrganizationId == thread.BuyerOrganizationId || m.OrganizationId == thread.SupplierOrganizationId)
                .OrderBy(m => m.Id).Take(MaxRecipients).Select(m => new MeetingInvitations.Person(m.Email, m.Name)).ToListAsync(ct);
        }
        finally
        {
            db.Viewer = saved;
        }
    }

    private static string Subject(ThreadRecord thread) => $"{thread.SubjectNumber} {thread.SubjectTitle}".Trim();

    private static string When(MeetingRecord meeting) =>
        $"{meeting.StartsAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC for {meeting.DurationMinutes} minutes";

    public static WeftException NotFound(long id) => WeftException.NotFound("meeting_not_found", $"Meeting {id} does not exist.");
}
