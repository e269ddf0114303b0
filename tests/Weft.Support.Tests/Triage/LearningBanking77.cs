using System.Text;
using Weft.Support.Triage;

namespace Weft.Support.Tests.Triage;

/// <summary>
/// The classifier on real customer questions: 20 of BANKING77's 77 intents (<c>../shared/data/banking77</c> beside the
/// repository), trained on their training questions and scored on their test questions. The full set's figures are
/// measured by <c>bench --only triage</c>.
/// </summary>
public sealed class LearningBanking77
{
    private const int Intents = 20;

    [Fact]
    public void Twenty_intents_of_banking77_are_told_apart_on_their_test_questions()
    {
        var data = FindData();
        var train = ReadCsv(Path.Combine(data, "train.csv"));
        var chosen = train.Select(e => e.Intent).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Take(Intents).ToHashSet(StringComparer.Ordinal);
        var test = ReadCsv(Path.Combine(data, "test.csv")).Where(e => chosen.Contains(e.Intent)).ToList();

        var classifier = IntentClassifier.Train([.. train.Where(e => chosen.Contains(e.Intent))]);
        var evaluation = IntentEvaluation.Of(classifier, test, 0);

        test.Count.ShouldBe(Intents * 40);
        evaluation.Accuracy.ShouldBeGreaterThan(0.88);
    }

    /// <summary>
    /// The data set: where WEFT_SHARED_DATA points, else <c>shared/data/banking77</c> in a folder above the tests (the
    /// repository sits beside <c>shared/</c>). Missing data fails the test: it is part of the environment.
    /// </summary>
    private static string FindData()
    {
        if (Environment.GetEnvironmentVariable("WEFT_SHARED_DATA") is { Length: > 0 } root && File.Exists(Path.Combine(root, "banking77", "test.csv")))
            return Path.Combine(root, "banking77");
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var data = Path.Combine(dir.FullName, "shared", "data", "banking77");
            if (File.Exists(Path.Combine(data, "test.csv"))) return data;
        }
        throw new InvalidOperationException("BANKING77 is not in shared/data/banking77 above the tests (or where WEFT_SHARED_DATA points).");
    }

    private static List<IntentExample> ReadCsv(string path)
    {
        var rows = new List<IntentExample>();
        foreach (var row in Csv(File.ReadAllText(path, Encoding.UTF8)).Skip(1))
            if (row.Count == 2) rows.Add(new IntentExample(row[0], row[1]));
        return rows;
    }

    private static IEnumerable<List<string>> Csv(string text)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var k = 0; k < text.Length; k++)
        {
            var c = text[k];
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
                yield return fields;
                fields = [];
            }
            else field.Append(c);
        }
    }
}
