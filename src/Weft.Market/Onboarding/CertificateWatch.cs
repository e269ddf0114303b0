using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Weft.Flow;
using Weft.Flow.Automation;
using Weft.Flow.Contracts;
using Weft.Market.Persistence;
using Weft.Market.Suppliers;
using Weft.Market.Visibility;
using Weft.Platform.Persistence;

namespace Weft.Market.Onboarding;

/// <summary>
/// Keeps a verified supplier's badge honest: while it has one, a watch job waits until its earliest certificate expiry
/// (<see cref="VerificationFlow.WatchDefinition"/>); then <see cref="RecheckAsync"/> takes the badge away if a
/// certificate has expired, or watches the next expiry. A changed certificate restarts the watch (the superseded job is
/// cancelled); a job the profile no longer names finds nothing to do.
/// </summary>
internal sealed class CertificateWatch(MarketDb data, FlowEngines engines)
{
    /// <summary>Starts a watch on the supplier's earliest unexpired certificate, in the change's unit, unless one waits for that expiry already.</summary>
    public async Task WatchAsync(MarketDbContext db, UnitOfWork unit, long tenant, long organization, CancellationToken ct)
    {
        var org = await db.Organizations.FirstAsync(o => o.Id == organization, ct);
        var profile = await ProfileAsync(db, organization, ct);
        var now = data.Now;
        var earliest = await db.Certifications.Where(c => c.OrganizationId == organization && c.ExpiresOn > now)
            .OrderBy(c => c.ExpiresOn).Select(c => (DateTime?)c.ExpiresOn).FirstOrDefaultAsync(ct);
        if (profile.WatchJobId is not null && org.Verified && profile.WatchUntil == earliest) return;
        var ctx = new CommandContext("market") { Unit = unit };
        if (profile.WatchJobId is { } superseded) await CancelAsync(tenant, ctx, superseded, ct);
        (profile.WatchJobId, profile.WatchUntil) = (null, null);
        if (!org.Verified || earliest is null) return;
        var job = await engines.For(tenant).Jobs.StartJobAsync(ctx, VerificationFlow.Watch(organization, earliest.Value), ct);
        (profile.WatchJobId, profile.WatchUntil) = (job.Id, earliest);
    }

    /// <summary>Ends a watch no longer needed, so its timer does not fire for nothing; one already over is left as it is.</summary>
    private async Task CancelAsync(long tenant, CommandContext ctx, long job, CancellationToken ct)
    {
        try
        {
            await engines.For(tenant).Jobs.CancelJobAsync(ctx, job, ct);
        }
        catch (Weft.Platform.Errors.WeftException e) when (e.Code is "job_not_active" or "job_not_found")
        {
            // Its re-check ran (or is running): it finds the profile naming another watch and does nothing.
        }
    }

    /// <summary>The watch job <paramref name="job"/>'s re-check: what it found, as the work item's data.</summary>
    public async Task<AgentResult> RecheckAsync(long tenant, long organization, long job, CancellationToken ct)
    {
        await VerificationFlow.EnsureAsync(engines.For(tenant), ct);
        return await data.ChangeAsync(tenant, MarketViewer.System, async (db, unit) =>
        {
            var profile = await db.SupplierProfiles.FirstOrDefaultAsync(p => p.OrganizationId == organization, ct);
            var org = await db.Organizations.FirstOrDefaultAsync(o => o.Id == organization, ct);
            if (profile is null || org is null || profile.WatchJobId != job) return new AgentResult(Data: new JsonObject { ["result"] = "superseded" });
            (profile.WatchJobId, profile.WatchUntil) = (null, null);
            var now = data.Now;
            var expired = await db.Certifications.Where(c => c.OrganizationId == organization && c.ExpiresOn <= now).OrderBy(c => c.ExpiresOn).FirstOrDefaultAsync(ct);
            string result;
            if (expired is not null && org.Verified)
            {
                org.Verified = false;
                org.UpdatedAt = now;
                profile.BadgeNote = $"{CertificationKinds.NameOf(expired.Kind)} expired on {expired.ExpiresOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.";
                profile.BadgeRemovedAt = now;
                result = "badge_removed";
            }
            else
            {
                await WatchAsync(db, unit, tenant, organization, ct);
                result = "still_valid";
            }
            await db.SaveChangesAsync(ct);
            return new AgentResult(Data: new JsonObject { ["result"] = result });
        }, ct);
    }

    /// <summary>The supplier's profile row, made empty on first need.</summary>
    public async Task<SupplierProfileRecord> ProfileAsync(MarketDbContext db, long organization, CancellationToken ct)
    {
        var profile = db.SupplierProfiles.Local.FirstOrDefault(p => p.OrganizationId == organization)
            ?? await db.SupplierProfiles.FirstOrDefaultAsync(p => p.OrganizationId == organization, ct);
        if (profile is null)
        {
            profile = new SupplierProfileRecord { OrganizationId = organization, UpdatedAt = data.Now };
            db.SupplierProfiles.Add(profile);
        }
        return profile;
    }
}
