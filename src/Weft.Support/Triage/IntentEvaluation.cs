namespace Weft.Support.Triage;

/// <summary>How a model did on examples it did not learn from, by its top intent (the threshold aside).</summary>
/// <param name="Labels">The confusion matrix's rows (true intent) and columns (predicted intent), in this order.</param>
/// <param name="Confusion">Confusion[i][j]: examples of intent i predicted as intent j.</param>
/// <param name="UnknownRate">Share of the examples answered unknown at the threshold.</param>
internal sealed record IntentEvaluation(int Examples, double Accuracy, double UnknownRate, double AccuracyWhenAnswered,
    IReadOnlyList<IntentScore> PerIntent, IReadOnlyList<string> Labels, IReadOnlyList<IReadOnlyList<int>> Confusion)
{
    public static IntentEvaluation Of(IntentClassifier classifier, IReadOnlyList<IntentExample> examples, double threshold)
    {
        var predictions = classifier.PredictMany(examples.Select(e => e.Text), threshold);
        var labels = examples.Select(e => e.Intent).Concat(predictions.Select(p => p.TopIntent)).Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal).ToList();
        var index = labels.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i, StringComparer.Ordinal);
        var matrix = labels.Select(_ => new int[labels.Count]).ToArray();
        int right = 0, unknown = 0, answeredRight = 0;
        for (var i = 0; i < examples.Count; i++)
        {
            var (truth, predicted) = (examples[i].Intent, predictions[i]);
            matrix[index[truth]][index[predicted.TopIntent]]++;
            if (predicted.TopIntent == truth) right++;
            if (predicted.IsUnknown) unknown++;
            else if (predicted.Intent == truth) answeredRight++;
        }
        var perIntent = labels.Select((label, i) =>
        {
            var support = matrix[i].Sum();
            var predictedAs = matrix.Sum(row => row[i]);
            return new IntentScore(label, support, Ratio(matrix[i][i], predictedAs), Ratio(matrix[i][i], support));
        }).ToList();
        return new IntentEvaluation(examples.Count, Ratio(right, examples.Count), Ratio(unknown, examples.Count), Ratio(answeredRight, examples.Count - unknown),
            perIntent, labels, [.. matrix.Select(row => (IReadOnlyList<int>)row)]);
    }

    /// <summary>The pairs most often confused, largest first.</summary>
    public IReadOnlyList<ConfusedPair> TopConfusions(int count) =>
    [
        .. Labels.SelectMany((truth, i) => Labels.Select((predicted, j) => (i, j, predicted)).Where(c => c.i != c.j && Confusion[c.i][c.j] > 0)
                .Select(c => new ConfusedPair(truth, c.predicted, Confusion[c.i][c.j])))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Intent, StringComparer.Ordinal).ThenBy(c => c.PredictedAs, StringComparer.Ordinal).Take(count),
    ];

    private static double Ratio(int part, int whole) => whole == 0 ? 0 : (double)part / whole;
}
