using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Weft.Platform.Audit;
using Weft.Platform.Errors;
using Weft.Support.Persistence;

namespace Weft.Support.Triage;

/// <summary>
/// Trains a tenant's intent classifier on its examples, keeps every trained model with its held-out scores, and
/// classifies texts with the active one. The model kept is the one scored (trained without its held-out part), so the
/// figures shown are the served model's own. Training is CPU work: it runs on a pool thread, one training at a time
/// per host (two at once would only share the cores), and one per tenant (a second is refused while the first runs).
/// </summary>
internal sealed class IntentModels(SupportDb data, TrainingExamples examples, ActiveIntentModels active, TimeProvider clock)
{
    /// <summary>
    /// A middle value, not a measured one: on CLINC150's validation sets the rule of the bench (the best mean of in-scope
    /// accuracy and out-of-scope recall, among 150 intents) chose 0.85 and gave up six points of in-scope accuracy for it
    /// (docs/benchmarks.md). With fewer intents the top probability runs higher; a tenant sets its own when it trains.
    /// </summary>
    public const double DefaultThreshold = 0.5;
    private const int ListedConfusions = 10;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly SemaphoreSlim Cores = new(1, 1);
    private readonly ConcurrentDictionary<long, bool> training = new();

    public async Task<IntentModelDto> TrainAsync(long tenant, string actor, TrainRequest request, CancellationToken ct = default)
    {
        var (threshold, heldOutPercent) = TrainingRules.Check(request, DefaultThreshold);
        var all = await examples.AllAsync(tenant, ct);
        TrainingRules.CannotTrainOnTooFewExamples(all);
        if (!training.TryAdd(tenant, true))
            throw WeftException.Conflict(TriageErrors.TrainingInProgress, "The classifier is being trained already; its model will be active when it is done.");
        try
        {
            await Cores.WaitAsync(ct);
            IntentClassifier classifier;
            IntentEvaluation evaluation;
            TimeSpan took;
            try
            {
                var started = clock.GetTimestamp();
                (classifier, evaluation) = await Task.Factory.StartNew(() =>
                {
                    var (train, heldOut) = HeldOutSplit.Of(all, heldOutPercent, IntentTrainingOptions.Default.Seed);
                    var trained = IntentClassifier.Train(train);
                    return (trained, IntentEvaluation.Of(trained, heldOut, threshold));
                }, ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);
                took = clock.GetElapsedTime(started);
            }
            finally
            {
                Cores.Release();
            }
            var record = new IntentModelRecord
            {
                TrainedAt = data.Now, TrainedBy = actor, Examples = all.Count, Intents = classifier.Intents.Count, HeldOutAccuracy = evaluation.Accuracy,
                Threshold = threshold, TrainingMilliseconds = (long)took.TotalMilliseconds, MetricsJson = JsonSerializer.Serialize(evaluation, Json),
                Model = classifier.Save(), Active = true,
            };
            // The new model becomes the active one and the previous one steps down in the same transaction.
            await data.ChangeAsync(tenant, async db =>
            {
                await foreach (var previous in db.IntentModels.Where(m => m.Active).AsAsyncEnumerable().WithCancellation(ct)) previous.Active = false;
                db.IntentModels.Add(record);
                db.Publish(new AuditRecorded("support_intent_model_trained", data.Now, actor, AuditRecorded.DataOf(new
                {
                    record.Examples, record.Intents, record.HeldOutAccuracy, record.Threshold, record.TrainingMilliseconds,
                })), AuditRecorded.Stream);
                db.ChangeTracker.DetectChanges();
                await db.SaveChangesAsync(ct);
                return record.Id;
            }, ct);
            active.Use(tenant, new ActiveIntentModels.Loaded(record.Id, threshold, classifier));
            return Dto(record, evaluation);
        }
        finally
        {
            training.TryRemove(tenant, out _);
        }
    }

    /// <summary>Every trained model, newest first, without their metrics.</summary>
    public async Task<IReadOnlyList<IntentModelDto>> ListAsync(long tenant, CancellationToken ct = default)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        var rows = await db.IntentModels.AsNoTracking().OrderByDescending(m => m.Id).Take(100)
            .Select(m => new IntentModelDto(m.Id, m.TrainedAt, m.TrainedBy, m.Examples, m.Intents, m.HeldOutAccuracy, m.Threshold, m.TrainingMilliseconds,
                m.Active, null, null))
            .ToListAsync(ct);
        return rows;
    }

    /// <summary>The active model with its held-out metrics, or null before one is trained.</summary>
    public async Task<IntentModelDto?> ActiveAsync(long tenant, CancellationToken ct = default)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        var row = await db.IntentModels.AsNoTracking().Where(m => m.Active).OrderByDescending(m => m.Id)
            .Select(m => new { m.Id, m.TrainedAt, m.TrainedBy, m.Examples, m.Intents, m.HeldOutAccuracy, m.Threshold, m.TrainingMilliseconds, m.MetricsJson })
            .FirstOrDefaultAsync(ct);
        if (row is null) return null;
        var evaluation = JsonSerializer.Deserialize<IntentEvaluation>(row.MetricsJson, Json);
        return new IntentModelDto(row.Id, row.TrainedAt, row.TrainedBy, row.Examples, row.Intents, row.HeldOutAccuracy, row.Threshold, row.TrainingMilliseconds,
            true, evaluation, evaluation?.TopConfusions(ListedConfusions));
    }

    public async Task<Classification> ClassifyAsync(long tenant, ClassifyRequest request, CancellationToken ct = default)
    {
        var text = request.Text?.Trim();
        var errors = new FieldErrors();
        if (string.IsNullOrEmpty(text)) errors.Add("text", "'text' is required.");
        else if (text.Length > ExampleCsv.MaxTextLength) errors.Add("text", $"'text' has at most {ExampleCsv.MaxTextLength:N0} characters.");
        errors.ThrowIfAny();
        var model = await active.GetAsync(tenant, ct)
            ?? throw WeftException.Conflict(TriageErrors.NoActiveModel, "No intent model has been trained yet: upload examples and train one.");
        var prediction = model.Classifier.Predict(text!, model.Threshold);
        return new Classification(prediction.Intent, prediction.Confidence, prediction.IsUnknown, prediction.TopIntent, model.Threshold, model.Id);
    }

    private static IntentModelDto Dto(IntentModelRecord m, IntentEvaluation evaluation) =>
        new(m.Id, m.TrainedAt, m.TrainedBy, m.Examples, m.Intents, m.HeldOutAccuracy, m.Threshold, m.TrainingMilliseconds, m.Active, evaluation,
            evaluation.TopConfusions(ListedConfusions));
}
