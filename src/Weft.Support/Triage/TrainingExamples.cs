using Microsoft.EntityFrameworkCore;
using Weft.Platform.Audit;
using Weft.Platform.Errors;
using Weft.Support.Persistence;

namespace Weft.Support.Triage;

/// <summary>
/// The examples a tenant's classifier learns from. A file is added whole or not at all: one wrong row means nothing is
/// added and every error is listed by row and column (400 <c>triage_examples_invalid</c>). An example already there
/// (same text and intent) is not added twice. Examples also come from past conversations whose intent a person named
/// (<see cref="ConversationIntents"/>, <c>Source = conversation</c>).
/// </summary>
internal sealed class TrainingExamples(SupportDb data)
{
    public const string Uploaded = "upload";

    public async Task<ExamplesUploaded> UploadAsync(long tenant, string actor, ReadOnlyMemory<byte> content, CancellationToken ct = default)
    {
        var (rows, errors) = ExampleCsv.Read(content);
        if (errors.Count > 0)
        {
            var sorted = errors.OrderBy(e => e.Row).ThenBy(e => e.Column, StringComparer.Ordinal).ToList();
            var count = sorted.Select(e => e.Row).Distinct().Count();
            throw WeftException.Invalid(TriageErrors.ExamplesInvalid,
                $"Nothing was added: {sorted.Count} {(sorted.Count == 1 ? "error" : "errors")} in {count} {(count == 1 ? "row" : "rows")}.", sorted);
        }
        return await data.ChangeAsync(tenant, async db =>
        {
            var known = (await db.TrainingExamples.AsNoTracking().Select(e => new { e.Text, e.Intent }).ToListAsync(ct))
                .Select(e => (e.Text, e.Intent)).ToHashSet();
            var added = 0;
            foreach (var (_, example) in rows)
            {
                if (!known.Add((example.Text, example.Intent))) continue;
                db.TrainingExamples.Add(new TrainingExampleRecord { Text = example.Text, Intent = example.Intent, Source = Uploaded, CreatedAt = data.Now });
                added++;
            }
            db.Publish(new AuditRecorded("support_training_examples_uploaded", data.Now, actor, AuditRecorded.DataOf(new { rows = rows.Count, added })),
                AuditRecorded.Stream);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            return new ExamplesUploaded(rows.Count, added, rows.Count - added, await SummaryAsync(db, ct));
        }, ct);
    }

    public async Task<ExamplesSummary> SummaryAsync(long tenant, CancellationToken ct = default)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        return await SummaryAsync(db, ct);
    }

    /// <summary>The examples of one intent, or all of them.</summary>
    public async Task<ExamplesDeleted> DeleteAsync(long tenant, string actor, string? intent, bool all, CancellationToken ct = default)
    {
        if (intent is null == !all)
            throw WeftException.Invalid("validation_failed", "Name one intent (?intent=card_arrival) or delete every example (?all=true), not both.",
                new Dictionary<string, string[]> { ["intent"] = ["Give either 'intent' or 'all=true'."] });
        return await data.ChangeAsync(tenant, async db =>
        {
            var query = db.TrainingExamples.AsQueryable();
            if (intent is not null) query = query.Where(e => e.Intent == intent);
            var deleted = await query.ExecuteDeleteAsync(ct);
            db.Publish(new AuditRecorded("support_training_examples_deleted", data.Now, actor, AuditRecorded.DataOf(new { intent, deleted })),
                AuditRecorded.Stream);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            return new ExamplesDeleted(deleted, await SummaryAsync(db, ct));
        }, ct);
    }

    /// <summary>Every example, for training.</summary>
    public async Task<List<IntentExample>> AllAsync(long tenant, CancellationToken ct = default)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        return await db.TrainingExamples.AsNoTracking().OrderBy(e => e.Id).Select(e => new IntentExample(e.Text, e.Intent)).ToListAsync(ct);
    }

    private static async Task<ExamplesSummary> SummaryAsync(SupportDbContext db, CancellationToken ct)
    {
        var counts = await db.TrainingExamples.AsNoTracking().GroupBy(e => e.Intent).Select(g => new { Intent = g.Key, Count = g.Count() }).ToListAsync(ct);
        var intents = counts.Select(c => new IntentCount(c.Intent, c.Count)).OrderByDescending(c => c.Examples).ThenBy(c => c.Intent, StringComparer.Ordinal).ToList();
        return new ExamplesSummary(intents.Sum(c => c.Examples), intents);
    }
}
