using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Weft.Support.Triage;

namespace Weft.Bench;

/// <summary>
/// The support module's intent classifier on two public sets (<c>shared/data</c>). BANKING77: trained on its training
/// split (10,003 questions, 77 intents), accuracy on its test split (3,080). CLINC150 in Larson et al.'s "full" setting:
/// trained on the 15,000 in-scope training queries (150 intents), the threshold below which it answers unknown chosen
/// on the validation sets (3,000 in-scope, 100 out-of-scope) as the one with the best mean of in-scope accuracy and
/// out-of-scope recall, then in-scope accuracy (an in-scope query answered unknown counts as wrong) and out-of-scope
/// recall on the test sets (4,500 and 1,000). The test sets are read once, after every choice is made.
/// </summary>
internal static class IntentTriage
{
    public sealed record Figures(int Banking77Train, int Banking77Test, double Banking77Accuracy, double Banking77TrainSeconds,
        int ClincTrain, int ClincTest, int ClincOosTest, double Threshold, double ValInScope, double ValOosRecall,
        double ClincInScopeAccuracy, double ClincInScopeTopAccuracy, double ClincOosRecall, double ClincTrainSeconds);

    /// <summary>The folder holding banking77/ and clinc150/: <c>shared/data</c> beside or above the working directory; null when absent.</summary>
    public static string? FindData()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (File.Exists(Path.Combine(candidate, "banking77", "test.csv")) && File.Exists(Path.Combine(candidate, "clinc150", "data_full.json")))
                return candidate;
        }
        return null;
    }

    public static Figures Measure(string data)
    {
        var bankTrain = ReadCsv(Path.Combine(data, "banking77", "train.csv"));
        var bankTest = ReadCsv(Path.Combine(data, "banking77", "test.csv"));
        var clock = Stopwatch.StartNew();
        var bank = IntentClassifier.Train(bankTrain);
        var bankSeconds = clock.Elapsed.TotalSeconds;
        var bankAccuracy = IntentEvaluation.Of(bank, bankTest, 0).Accuracy;
        Console.WriteLine($"  triage BANKING77: {bankAccuracy:P2} on test, trained in {bankSeconds:0.0} s");

        using var clinc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(data, "clinc150", "data_full.json")));
        List<IntentExample> Part(string name) =>
            [.. clinc.RootElement.GetProperty(name).EnumerateArray().Select(p => new IntentExample(p[0].GetString()!, p[1].GetString()!))];
        var train = Part("train");
        clock.Restart();
        var model = IntentClassifier.Train(train);
        var clincSeconds = clock.Elapsed.TotalSeconds;

        // The threshold, from the validation sets only.
        var val = Part("val");
        var valIn = model.PredictMany(val.Select(e => e.Text), 0);
        var valOos = model.PredictMany(Part("oos_val").Select(e => e.Text), 0);
        var (threshold, valInScope, valOos_) = Enumerable.Range(0, 100).Select(i => i / 100.0)
            .Select(t => (t, InScope(valIn, val, t), OosRecall(valOos, t)))
            .OrderByDescending(c => (c.Item2 + c.Item3) / 2).ThenBy(c => c.t).First();

        var test = Part("test");
        var testIn = model.PredictMany(test.Select(e => e.Text), 0);
        var testOos = model.PredictMany(Part("oos_test").Select(e => e.Text), 0);
        var figures = new Figures(bankTrain.Count, bankTest.Count, bankAccuracy, bankSeconds, train.Count, test.Count, testOos.Count, threshold,
            valInScope, valOos_, InScope(testIn, test, threshold), InScope(testIn, test, 0), OosRecall(testOos, threshold), clincSeconds);
        return figures;
    }

    private static double InScope(IReadOnlyList<IntentPrediction> predictions, IReadOnlyList<IntentExample> truth, double threshold) =>
        predictions.Zip(truth).Count(p => p.First.Confidence >= threshold && p.First.TopIntent == p.Second.Intent) / (double)truth.Count;

    private static double OosRecall(IReadOnlyList<IntentPrediction> predictions, double threshold) =>
        predictions.Count(p => p.Confidence < threshold) / (double)predictions.Count;

    public static void Print(Figures? f)
    {
        if (f is null) return;
        var i = CultureInfo.InvariantCulture;
        Console.WriteLine("intent triage (ML.NET: word 1-2 and char 1-5 grams, TF-IDF, L2; maximum entropy by L-BFGS; one thread)");
        Console.WriteLine(string.Create(i, $"  BANKING77: trained on {f.Banking77Train:N0} in {f.Banking77TrainSeconds:0.0} s; accuracy on test ({f.Banking77Test:N0}) {f.Banking77Accuracy:P2}"));
        Console.WriteLine(string.Create(i, $"  CLINC150 (full): trained on {f.ClincTrain:N0} in-scope in {f.ClincTrainSeconds:0.0} s; threshold {f.Threshold:0.00} " +
            $"(on val: in-scope {f.ValInScope:P2}, oos recall {f.ValOosRecall:P2})"));
        Console.WriteLine(string.Create(i, $"    test: in-scope accuracy {f.ClincInScopeAccuracy:P2} ({f.ClincTest:N0}; {f.ClincInScopeTopAccuracy:P2} without the threshold), " +
            $"out-of-scope recall {f.ClincOosRecall:P2} ({f.ClincOosTest:N0})"));
    }

    /// <summary>BANKING77's CSV (text,category; RFC 4180 quoting).</summary>
    private static List<IntentExample> ReadCsv(string path)
    {
        var rows = new List<IntentExample>();
        var text = File.ReadAllText(path, Encoding.UTF8);
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var header = true;
        for (var k = 0; k <= text.Length; k++)
        {
            var c = k < text.Length ? text[k] : '\n';
            if (quoted)
            {
                if (c == '"' && k + 1 < text.Length && text[k + 1] == '"') { field.Append('"'); k++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else if (c == '\n')
            {
                fields.Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                if (!header && fields.Count == 2 && fields[0].Length > 0) rows.Add(new IntentExample(fields[0], fields[1]));
                header = false;
                fields.Clear();
            }
            else field.Append(c);
        }
        return rows;
    }
}
