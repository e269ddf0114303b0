using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Weft.Flow;
using Weft.Flow.Contracts;
using Weft.Market.Organizations;
using Weft.Market.Persistence;
using Weft.Market.Suppliers;
using Weft.Market.Visibility;
using Weft.Platform.Errors;
using Weft.Platform.Paging;
using Weft.Platform.Persistence;

namespace Weft.Market.Onboarding;

/// <summary>
/// Suppliers' applications for the verified badge. A supplier's admin applies once its documents are on its profile;
/// the application's job runs the verification flow (<see cref="VerificationFlow"/>), whose person steps the staff do
/// here: checking the documents, then deciding. Each step is one transaction with the work item it completes; an
/// approval gives the badge and starts watching the supplier's certificates (<see cref="CertificateWatch"/>).
/// </summary>
internal sealed class Applications(MarketDb data, FlowEngines engines, CertificateWatch watch)
{
    public const int MaxPage = 100;
    public const int MaxMessage = 2000;
    public const int MaxReason = 1000;
    public const string Approve = "approve";
    public const string Reject = "reject";

    public async Task<ApplicationDto> ApplyAsync(long tenant, MarketViewer viewer, string actor, ApplicationRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        if (request.Message is { Length: > MaxMessage }) errors.Add("message", $"'message' is at most {MaxMessage:N0} characters.");
        if (request.Organization is <= 0) errors.Add("organization", "'organization' is a supplier's id.");
        if (viewer.Kind is MarketViewerKind.Staff or MarketViewerKind.System && request.Organization is null)
            errors.Add("organization", "'organization' is required: the supplier the staff apply for.");
        errors.ThrowIfAny();
        var organization = request.Organization ?? viewer.Organization;
        await using (var db = await data.OpenAsync(tenant, viewer, ct))
        {
            if (!await db.Organizations.AnyAsync(o => o.Id == organization, ct)) throw Organizations.Organizations.NotFound(organization);
            Organizations.Organizations.RequireAdminOf(viewer, organization);
            await RequireApplicableAsync(db, organization, ct);
        }
        var engine = engines.For(tenant);
        await VerificationFlow.EnsureAsync(engine, ct);
        var id = await data.ChangeAsync(tenant, viewer, async (db, unit) =>
        {
            var org = await RequireApplicableAsync(db, organization, ct);
            var application = new ApplicationRecord
            {
                OrganizationId = organization, State = ApplicationStates.Submitted, Message = string.IsNullOrWhiteSpace(request.Message) ? null : request.Message.Trim(),
                SubmittedBy = actor, SubmittedAt = data.Now,
            };
            db.Applications.Add(application);
            await db.SaveChangesAsync(ct);
            var job = await engine.Jobs.StartJobAsync(new CommandContext(actor) { Unit = unit }, VerificationFlow.Application(application.Id, organization, org.Name), ct);
            application.JobId = job.Id;
            await db.SaveChangesAsync(ct);
            return application.Id;
        }, ct);
        return (await GetAsync(tenant, viewer, id, ct)).Application;
    }

    public async Task<Page<ApplicationDto>> ListAsync(long tenant, MarketViewer viewer, string? state, int? limit, string? cursor, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (state is not null && !ApplicationStates.All.Contains(state)) errors.Add("state", $"'state' is one of: {string.Join(", ", ApplicationStates.All)}.");
        if (limit is < 1 or > MaxPage) errors.Add("limit", $"'limit' is 1 to {MaxPage}.");
        long after = 0;
        if (cursor is not null && (!long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out after) || after < 1))
            errors.Add("cursor", "'cursor' is not one this list gave.");
        errors.ThrowIfAny();
        var take = limit ?? 50;
        await using var db = await data.OpenAsync(tenant, viewer, ct);
        var query = db.Applications.AsNoTracking().Where(a => after == 0 || a.Id > after);
        if (state is not null) query = query.Where(a => a.State == state);
        var rows = await query.OrderBy(a => a.Id).Take(take + 1).ToListAsync(ct);
        var next = rows.Count > take ? rows[take - 1].Id.ToString(CultureInfo.InvariantCulture) : null;
        return new Page<ApplicationDto>(await ToDtosAsync(tenant, db, [.. rows.Take(take)], ct), next);
    }

    public async Task<ApplicationDetailDto> GetAsync(long tenant, MarketViewer viewer, long id, CancellationToken ct)
    {
        await using var db = await data.OpenAsync(tenant, viewer, ct);
        var application = await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw NotFound(id);
        var documents = await db.SupplierDocuments.AsNoTracking().Where(d => d.OrganizationId == application.OrganizationId).OrderBy(d => d.Id).ToListAsync(ct);
        var certificates = await db.Certifications.AsNoTracking().Where(c => c.OrganizationId == application.OrganizationId).OrderBy(c => c.ExpiresOn).ToListAsync(ct);
        return new ApplicationDetailDto((await ToDtosAsync(tenant, db, [application], ct))[0], [.. documents.Select(SupplierDirectory.ToDto)],
            [.. certificates.Select(c => SupplierDirectory.ToDto(c, data.Now))]);
    }

    /// <summary>The staff's document check (the flow's first step): in order moves the application on to the decision; not in order rejects it.</summary>
    public async Task<ApplicationDto> CheckAsync(long tenant, MarketViewer viewer, string actor, string? agent, long id, DocumentCheckRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        if (request.Passed is null) errors.Add("passed", "'passed' is required: true when the documents are in order.");
        if (request.Note is { Length: > MaxReason }) errors.Add("note", $"'note' is at most {MaxReason:N0} characters.");
        if (request.Passed == false && string.IsNullOrWhiteSpace(request.Note)) errors.Add("note", "'note' is required when the documents are not in order: the supplier reads why.");
        errors.ThrowIfAny();
        Organizations.Organizations.RequireStaff(viewer);
        var (item, person) = await OpenStepAsync(tenant, viewer, agent, id, VerificationFlow.CheckDocuments, ct);
        await data.ChangeAsync(tenant, viewer, async (db, unit) =>
        {
            var application = await db.Applications.FirstAsync(a => a.Id == id, ct);
            if (application.State != ApplicationStates.Submitted) throw Decided(application);
            await CompleteAsync(tenant, unit, actor, person, item, new JsonObject
            {
                ["documents"] = request.Passed == true ? "pass" : "fail", ["documentsNote"] = request.Note?.Trim(),
            }, ct);
            if (request.Passed == false)
                (application.State, application.DecidedBy, application.DecidedAt, application.Reason) = (ApplicationStates.Rejected, actor, data.Now, request.Note!.Trim());
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);
        return (await GetAsync(tenant, viewer, id, ct)).Application;
    }

    /// <summary>The staff's decision (the flow's second step): approving gives the badge, unless a certificate has expired meanwhile.</summary>
    public async Task<ApplicationDto> DecideAsync(long tenant, MarketViewer viewer, string actor, string? agent, long id, DecisionRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        if (request.Decision is not (Approve or Reject)) errors.Add("decision", $"'decision' is {Approve} or {Reject}.");
        if (request.Reason is { Length: > MaxReason }) errors.Add("reason", $"'reason' is at most {MaxReason:N0} characters.");
        if (request.Decision == Reject && string.IsNullOrWhiteSpace(request.Reason)) errors.Add("reason", "'reason' is required to reject: the supplier reads why.");
        errors.ThrowIfAny();
        Organizations.Organizations.RequireStaff(viewer);
        var (item, person) = await OpenStepAsync(tenant, viewer, agent, id, VerificationFlow.Decide, ct);
        await data.ChangeAsync(tenant, viewer, async (db, unit) =>
        {
            var application = await db.Applications.FirstAsync(a => a.Id == id, ct);
            if (application.State != ApplicationStates.Submitted) throw Decided(application);
            var now = data.Now;
            if (request.Decision == Approve)
            {
                var expired = await db.Certifications.Where(c => c.OrganizationId == application.OrganizationId && c.ExpiresOn <= now).Select(c => c.Kind).ToListAsync(ct);
                if (expired.Count > 0)
                    throw WeftException.Rule("certificate_expired",
                        $"{string.Join(", ", expired.Select(CertificationKinds.NameOf))} {(expired.Count == 1 ? "has" : "have")} expired: the supplier renews or removes it first.");
            }
            await CompleteAsync(tenant, unit, actor, person, item, new JsonObject { ["decision"] = request.Decision, ["reason"] = request.Reason?.Trim() }, ct);
            (application.State, application.DecidedBy, application.DecidedAt, application.Reason) =
                (request.Decision == Approve ? ApplicationStates.Approved : ApplicationStates.Rejected, actor, now, string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim());
            if (request.Decision == Approve)
            {
                var org = await db.Organizations.FirstAsync(o => o.Id == application.OrganizationId, ct);
                (org.Verified, org.UpdatedAt) = (true, now);
                var profile = await watch.ProfileAsync(db, org.Id, ct);
                (profile.BadgeNote, profile.BadgeRemovedAt) = (null, null);
                await db.SaveChangesAsync(ct);
                await watch.WatchAsync(db, unit, tenant, org.Id, ct);
            }
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);
        return (await GetAsync(tenant, viewer, id, ct)).Application;
    }

    private static async Task<OrganizationRecord> RequireApplicableAsync(MarketDbContext db, long organization, CancellationToken ct)
    {
        var org = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == organization, ct) ?? throw Organizations.Organizations.NotFound(organization);
        if (org.Kind != MarketRoles.Supplier) throw WeftException.Rule("not_a_supplier", $"{org.Name} is a buyer; suppliers apply for the badge.");
        if (org.Verified) throw WeftException.Conflict("already_verified", $"{org.Name} carries the verified badge already.");
        if (await db.Applications.AnyAsync(a => a.OrganizationId == organization && a.State == ApplicationStates.Submitted, ct))
            throw WeftException.Conflict("application_open", $"{org.Name} has an application waiting already.");
        if (!await db.SupplierDocuments.IgnoreQueryFilters([MarketVisibility.Filter]).AnyAsync(d => d.OrganizationId == organization, ct))
            throw WeftException.Rule("documents_required", $"{org.Name} has no documents yet: upload its registration and certificates to its profile first.");
        return org;
    }

    /// <summary>The application's open work item at <paramref name="node"/>, and the staff's agent that does it, read before the change.</summary>
    private async Task<(WorkItemDto Item, string Agent)> OpenStepAsync(long tenant, MarketViewer viewer, string? agent, long id, string node, CancellationToken ct)
    {
        ApplicationRecord application;
        await using (var db = await data.OpenAsync(tenant, viewer, ct))
            application = await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw NotFound(id);
        if (application.State != ApplicationStates.Submitted) throw Decided(application);
        var engine = engines.For(tenant);
        var items = await engine.Work.ListWorkItemsAsync(new WorkItemFilter(null, null, null, node, application.JobId), 20, null, ct);
        var item = items.Items.FirstOrDefault(i => i.State is "ready" or "assigned" or "in_progress" or "paused")
            ?? throw WeftException.Conflict("flow_not_there", $"Application {id} is not at '{node}' (it is at {await StepAsync(engine, application.JobId, ct) ?? "no step"}).");
        return (item, await StaffAgentAsync(engine, viewer, agent, ct));
    }

    /// <summary>
    /// The agent a member of the staff does verification work as: the one their sign-in is linked to, or else a person
    /// agent of their own with the verification capability, registered on their first check.
    /// </summary>
    private static async Task<string> StaffAgentAsync(FlowEngine engine, MarketViewer viewer, string? agent, CancellationToken ct)
    {
        if (agent is not null) return agent;
        var key = viewer.UserId > 0 ? $"market-staff-{viewer.UserId.ToString(CultureInfo.InvariantCulture)}" : "market-staff";
        await FlowSetup.EnsureAgentAsync(engine, new CommandContext("market"), new RegisterAgentRequest(key, viewer.UserId > 0 ? viewer.Name : "Market staff", "person",
            [new CapabilityDto(VerificationFlow.Verifying)], 50, "available"), ct);
        return key;
    }

    private async Task CompleteAsync(long tenant, UnitOfWork unit, string actor, string agent, WorkItemDto item, JsonObject result, CancellationToken ct)
    {
        var work = engines.For(tenant).Work;
        var ctx = new CommandContext(actor, Agent: agent) { Unit = unit };
        var current = item;
        if (current.State == "ready") current = await work.ClaimAsync(ctx, current.Id, ct);
        if (current.State == "assigned" && current.Agent == agent) current = await work.StartAsync(ctx, current.Id, ct);
        if (current.State == "paused" && current.Agent == agent) current = await work.ResumeAsync(ctx, current.Id, ct);
        if (current.Agent != agent)
            throw WeftException.Conflict("not_your_work_item", $"This step is {current.Agent}'s ({current.State}); they, or a manager reassigning it, finish it.");
        await work.CompleteAsync(ctx, item.Id, null, result, ct);
    }

    private static async Task<string?> StepAsync(FlowEngine engine, long? job, CancellationToken ct)
    {
        if (job is null) return null;
        var items = await engine.Work.ListWorkItemsAsync(new WorkItemFilter(null, null, null, null, job), 20, null, ct);
        return items.Items.Where(i => i.State is not ("completed" or "cancelled")).Select(i => i.Node).FirstOrDefault();
    }

    private async Task<IReadOnlyList<ApplicationDto>> ToDtosAsync(long tenant, MarketDbContext db, IReadOnlyList<ApplicationRecord> rows, CancellationToken ct)
    {
        var orgIds = rows.Select(a => a.OrganizationId).Distinct().ToList();
        var orgs = await db.Organizations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
        var documents = await db.SupplierDocuments.AsNoTracking().Where(d => orgIds.Contains(d.OrganizationId)).GroupBy(d => d.OrganizationId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var engine = engines.For(tenant);
        var list = new List<ApplicationDto>();
        foreach (var a in rows)
        {
            WorkItemDto? open = null;
            if (a.State == ApplicationStates.Submitted && a.JobId is not null)
                open = (await engine.Work.ListWorkItemsAsync(new WorkItemFilter(null, null, null, null, a.JobId), 20, null, ct)).Items
                    .FirstOrDefault(i => i.State is not ("completed" or "cancelled"));
            var org = orgs.GetValueOrDefault(a.OrganizationId);
            list.Add(new ApplicationDto(a.Id, a.OrganizationId, org?.Name ?? "", org?.Country ?? "", a.State, open?.Node, a.Message, a.JobId, a.SubmittedBy,
                a.SubmittedAt, open?.DueAt, a.DecidedBy, a.DecidedAt, a.Reason, documents.GetValueOrDefault(a.OrganizationId), a.Version));
        }
        return list;
    }

    private static WeftException NotFound(long id) => WeftException.NotFound("application_not_found", $"There is no application {id}.");

    private static WeftException Decided(ApplicationRecord a) => WeftException.Conflict("application_decided", $"Application {a.Id} is {a.State} already.");
}
