using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Weft.Market.Persistence;
using Weft.Market.Rfqs;
using Weft.Market.Visibility;
using Weft.Platform.Errors;
using Weft.Platform.Persistence;

namespace Weft.Market.Deals;

/// <summary>
/// Reviews after a delivered deal: each side rates the other once (quality, on-time, communication, 1 to 5, and a comment)
/// within <see cref="Deals.ReviewWindow"/>; only the deal's parties review. Every review recomputes its subject's rating, under
/// a lock on the subject, from all of its reviews, so the directory's figure is always what the reviews say.
/// </summary>
internal sealed class Reviews(MarketDb data)
{
    public const int MaxComment = 2000;
    public const int MaxPage = 100;

    public async Task<ReviewDto> ReviewAsync(long tenant, MarketViewer viewer, long dealId, ReviewRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        Check(request).ThrowIfAny();
        var id = await data.ChangeAsync(tenant, viewer, async db =>
        {
            var deal = await db.Deals.ForUpdate().FirstOrDefaultAsync(d => d.Id == dealId, ct) ?? throw Deals.NotFound(dealId);
            var reviewer = viewer.IsMember && viewer.Organization == deal.BuyerOrganizationId ? deal.BuyerOrganizationId
                : viewer.IsMember && viewer.Organization == deal.SupplierOrganizationId ? deal.SupplierOrganizationId
                : throw WeftException.Forbidden("parties_only", $"Only {deal.Number}'s buyer and supplier review it.");
            var subject = reviewer == deal.BuyerOrganizationId ? deal.SupplierOrganizationId : deal.BuyerOrganizationId;
            if (deal.State != DealStates.Delivered)
                throw WeftException.Conflict("deal_not_delivered", $"{deal.Number} is reviewed once its buyer has confirmed delivery.");
            var now = data.Now;
            if (now >= deal.DeliveredAt!.Value + Deals.ReviewWindow)
                throw WeftException.Conflict("review_window_closed", $"Reviews of {deal.Number} were taken until {(deal.DeliveredAt.Value + Deals.ReviewWindow):u}.");
            if (await db.Reviews.AnyAsync(r => r.DealId == dealId && r.ReviewerOrganizationId == reviewer, ct))
                throw WeftException.Conflict("already_reviewed", $"Your organization has reviewed {deal.Number} already.");
            // The subject's row is the lock that orders reviews of one organization, so its rating counts every one of them.
            var rated = await db.Organizations.ForUpdate().FirstAsync(o => o.Id == subject, ct);
            var reviewerName = await db.Organizations.AsNoTracking().Where(o => o.Id == reviewer).Select(o => o.Name).FirstAsync(ct);
            var review = new ReviewRecord
            {
                DealId = dealId, ReviewerOrganizationId = reviewer, SubjectOrganizationId = subject, Quality = request.Quality!.Value,
                OnTime = request.OnTime!.Value, Communication = request.Communication!.Value, Comment = request.Comment?.Trim() ?? "",
                ReviewerUserId = viewer.UserId, ReviewerName = viewer.Name, CreatedAt = now,
            };
            db.Reviews.Add(review);
            await db.SaveChangesAsync(ct);
            var scores = db.Reviews.Where(r => r.SubjectOrganizationId == subject);
            rated.RatingCount = await scores.CountAsync(ct);
            rated.RatingAverage = Math.Round(await scores.AverageAsync(r => (r.Quality + r.OnTime + r.Communication) / 3.0, ct), 2);
            rated.UpdatedAt = now;
            db.Notices.Add(Deals.Notice(subject, NoticeKinds.Reviewed, deal,
                $"{reviewerName} reviewed you for {deal.Number} \"{deal.Title}\": {Score(review).ToString("0.0", CultureInfo.InvariantCulture)} of 5.", now));
            await db.SaveChangesAsync(ct);
            return review.Id;
        }, ct);
        await using var read = await data.OpenAsync(tenant, viewer, ct);
        return (await ToDtosAsync(read, await read.Reviews.AsNoTracking().Where(r => r.Id == id).ToListAsync(ct), ct))[0];
    }

    /// <summary>An organization's rating and its reviews, newest first: the directory's, every member reads it.</summary>
    public async Task<RatingDto> OfAsync(long tenant, MarketViewer viewer, long organization, int? limit, string? cursor, CancellationToken ct)
    {
        if (limit is < 1 or > MaxPage) throw WeftException.Invalid("validation_failed", $"'limit' is 1-{MaxPage}.");
        var before = cursor is null ? long.MaxValue
            : long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var c) && c > 0 ? c : throw WeftException.Invalid("cursor_invalid", "'cursor' is not one this list gave.");
        var take = limit ?? 20;
        await using var db = await data.OpenAsync(tenant, viewer, ct);
        var org = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == organization, ct)
            ?? throw WeftException.NotFound("organization_not_found", $"Organization {organization} does not exist.");
        var all = db.Reviews.AsNoTracking().Where(r => r.SubjectOrganizationId == organization);
        var means = await all.GroupBy(r => 1).Select(g => new { Quality = g.Average(r => (double)r.Quality), OnTime = g.Average(r => (double)r.OnTime), Communication = g.Average(r => (double)r.Communication) })
            .FirstOrDefaultAsync(ct);
        var rows = await all.Where(r => r.Id < before).OrderByDescending(r => r.Id).Take(take + 1).ToListAsync(ct);
        var page = rows.Take(take).ToList();
        return new RatingDto(org.Id, org.Name, org.RatingAverage, org.RatingCount, Round(means?.Quality), Round(means?.OnTime), Round(means?.Communication),
            await ToDtosAsync(db, page, ct), rows.Count > take ? page[^1].Id.ToString(CultureInfo.InvariantCulture) : null);
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 2) : null;

    internal static double Score(ReviewRecord r) => Math.Round((r.Quality + r.OnTime + r.Communication) / 3.0, 2);

    internal static async Task<IReadOnlyList<ReviewDto>> ToDtosAsync(MarketDbContext db, IReadOnlyList<ReviewRecord> reviews, CancellationToken ct)
    {
        var ids = reviews.SelectMany(r => new[] { r.ReviewerOrganizationId, r.SubjectOrganizationId }).Distinct().ToList();
        var orgs = await db.Organizations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => new { o.Name, o.Kind }, ct);
        return [.. reviews.Select(r => new ReviewDto(r.Id, r.DealId, r.ReviewerOrganizationId, orgs.GetValueOrDefault(r.ReviewerOrganizationId)?.Name ?? "",
            orgs.GetValueOrDefault(r.ReviewerOrganizationId)?.Kind ?? "", r.SubjectOrganizationId, orgs.GetValueOrDefault(r.SubjectOrganizationId)?.Name ?? "",
            r.Quality, r.OnTime, r.Communication, Score(r), r.Comment, r.CreatedAt))];
    }

    private static FieldErrors Check(ReviewRequest request)
    {
        var errors = new FieldErrors();
        if (request.Quality is not (>= 1 and <= 5)) errors.Add("quality", "'quality' is a whole score from 1 to 5.");
        if (request.OnTime is not (>= 1 and <= 5)) errors.Add("onTime", "'onTime' is a whole score from 1 to 5.");
        if (request.Communication is not (>= 1 and <= 5)) errors.Add("communication", "'communication' is a whole score from 1 to 5.");
        if (request.Comment is { Length: > MaxComment }) errors.Add("comment", $"'comment' is at most {MaxComment} characters.");
        if (request.Comment is { } text && text.Any(ch => char.IsControl(ch) && ch is not ('\n' or '\r' or '\t')))
            errors.Add("comment", "'comment' is plain text.");
        return errors;
    }
}
