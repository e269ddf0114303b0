using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;

namespace Weft.Support.Triage;

/// <summary>
/// A tenant's intent classifier on ML.NET: lower-cased, punctuation-free text turned into TF-IDF weighted word 1–2 grams
/// and character 1–5 grams (L2-normalised together), and a multiclass maximum-entropy (softmax) model trained by
/// L-BFGS, which gives each intent a probability. The top intent answers when its probability reaches the threshold;
/// below it the answer is <see cref="Unknown"/>. Training is single-threaded with a fixed seed, so the same examples
/// give the same model. Instances are safe to share between threads.
/// </summary>
internal sealed class IntentClassifier
{
    public const string Unknown = "unknown";

    private readonly MLContext ml;
    private readonly ITransformer model;
    private readonly DataViewSchema inputSchema;
    private readonly Lock gate = new();
    private PredictionEngine<TextRow, ScoreRow>? engine;

    private IntentClassifier(MLContext ml, ITransformer model, DataViewSchema inputSchema)
    {
        this.ml = ml;
        this.model = model;
        this.inputSchema = inputSchema;
        Intents = SlotNames(model.GetOutputSchema(inputSchema));
    }

    /// <summary>The intents it knows, in the order of its scores.</summary>
    public IReadOnlyList<string> Intents { get; }

    public static IntentClassifier Train(IReadOnlyList<IntentExample> examples, IntentTrainingOptions? options = null)
    {
        options ??= IntentTrainingOptions.Default;
        var ml = new MLContext(options.Seed);
        var data = ml.Data.LoadFromEnumerable(examples.Select(e => new TextRow { Text = e.Text, Intent = e.Intent }));
        var text = new TextFeaturizingEstimator.Options
        {
            CaseMode = TextNormalizingEstimator.CaseMode.Lower,
            KeepDiacritics = false,
            KeepPunctuations = false,
            KeepNumbers = true,
            Norm = TextFeaturizingEstimator.NormFunction.L2,
            WordFeatureExtractor = new WordBagEstimator.Options
            {
                NgramLength = options.WordNgrams, UseAllLengths = true, Weighting = NgramExtractingEstimator.WeightingCriteria.TfIdf,
            },
            CharFeatureExtractor = options.CharNgrams > 0
                ? new WordBagEstimator.Options { NgramLength = options.CharNgrams, UseAllLengths = true, Weighting = NgramExtractingEstimator.WeightingCriteria.TfIdf }
                : null,
        };
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label", nameof(TextRow.Intent))
            .Append(ml.Transforms.Text.FeaturizeText("Features", text, nameof(TextRow.Text)))
            .AppendCacheCheckpoint(ml)
            .Append(Trainer(ml, options));
        return new IntentClassifier(ml, pipeline.Fit(data), data.Schema);
    }

    private static IEstimator<ITransformer> Trainer(MLContext ml, IntentTrainingOptions options) => options.Trainer switch
    {
        IntentTrainer.Lbfgs => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            L2Regularization = options.L2 ?? 1e-4f, L1Regularization = 0, OptimizationTolerance = 1e-7f, MaximumNumberOfIterations = options.MaximumIterations,
            NumberOfThreads = 1,
        }),
        _ => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
        {
            L2Regularization = options.L2,
            MaximumNumberOfIterations = options.MaximumIterations,
            // More threads make SDCA's updates race, and then two runs on the same examples differ.
            NumberOfThreads = 1,
            Shuffle = true,
        }),
    };

    /// <summary>The model as ML.NET writes it (a zip), for <see cref="Load"/>.</summary>
    public byte[] Save()
    {
        using var stream = new MemoryStream();
        ml.Model.Save(model, inputSchema, stream);
        return stream.ToArray();
    }

    public static IntentClassifier Load(byte[] bytes)
    {
        var ml = new MLContext(IntentTrainingOptions.Default.Seed);
        using var stream = new MemoryStream(bytes, writable: false);
        var model = ml.Model.Load(stream, out var schema);
        return new IntentClassifier(ml, model, schema);
    }

    public IntentPrediction Predict(string text, double threshold)
    {
        float[] scores;
        lock (gate)
        {
            engine ??= ml.Model.CreatePredictionEngine<TextRow, ScoreRow>(model, inputSchema);
            scores = engine.Predict(new TextRow { Text = text }).Score;
        }
        return Answer(scores, threshold);
    }

    /// <summary>Each text's prediction, in one pass over them (much faster than one at a time).</summary>
    public IReadOnlyList<IntentPrediction> PredictMany(IEnumerable<string> texts, double threshold)
    {
        var data = ml.Data.LoadFromEnumerable(texts.Select(t => new TextRow { Text = t }));
        return [.. ml.Data.CreateEnumerable<ScoreRow>(model.Transform(data), reuseRowObject: false).Select(row => Answer(row.Score, threshold))];
    }

    private IntentPrediction Answer(float[] scores, double threshold)
    {
        var top = 0;
        for (var i = 1; i < scores.Length; i++)
            if (scores[i] > scores[top]) top = i;
        var confidence = Math.Clamp((double)scores[top], 0, 1);
        return new IntentPrediction(confidence >= threshold ? Intents[top] : Unknown, confidence, Intents[top]);
    }

    private static string[] SlotNames(DataViewSchema output)
    {
        VBuffer<ReadOnlyMemory<char>> names = default;
        output["Score"].GetSlotNames(ref names);
        return [.. names.DenseValues().Select(n => n.ToString())];
    }

    private sealed class TextRow
    {
        public string Text { get; set; } = "";
        public string Intent { get; set; } = "";
    }

    private sealed class ScoreRow
    {
        public float[] Score { get; set; } = [];
    }
}
