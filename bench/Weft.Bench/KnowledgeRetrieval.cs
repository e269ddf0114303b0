using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Weft.Bench;

/// <summary>
/// How well a knowledge base finds the right article by words alone, on BANKING77 (13,083 customer questions to a bank,
/// each labelled with one of 77 intents; <c>../shared/data/banking77</c>). One Markdown article per intent, titled with
/// the intent's name and listing the training set's questions of that intent (what a help centre's FAQ page collects),
/// is uploaded through the API to a base without embeddings; then each of the test set's 3,080 questions is searched
/// (<c>POST /api/v1/ai/knowledge/{key}/search</c>, 50 chunks) and the chunks' documents, in rank order without repeats,
/// are the ranking: recall@1 and @5 (the intent's article first, or among the first five) and the mean reciprocal rank
/// (over the first ten). The time of each search as the client waits is printed beside them.
/// </summary>
internal static class KnowledgeRetrieval
{
    public const string Base = "banking77";
    private const int ChunksPerSearch = 50;
    private const int RankedDocuments = 10;

    public sealed record Figures(int Documents, int Chunks, int Queries, double RecallAt1, double RecallAt5, double Mrr, double P50Ms, double P99Ms,
        double UploadSeconds, IReadOnlyList<(string Intent, double RecallAt1, int Queries, string MostConfusedWith)> Worst);

    /// <summary>The data set's folder: <c>shared/data/banking77</c> beside (or above) the working directory; null when absent.</summary>
    public static string? FindData()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared", "data", "banking77"), Path.Combine(dir.FullName, "data", "banking77") })
                if (File.Exists(Path.Combine(candidate, "test.csv"))) return candidate;
        }
        return null;
    }

    public static async Task<Figures> MeasureAsync(HttpDriver driver, string data)
    {
        var train = ReadCsv(Path.Combine(data, "train.csv"));
        var test = ReadCsv(Path.Combine(data, "test.csv"));
        await driver.PostAsync("/api/v1/ai/knowledge", new { key = Base, name = "BANKING77 help centre", embeddingModel = "" });

        var clock = Stopwatch.StartNew();
        var chunks = 0;
        foreach (var intent in train.GroupBy(r => r.Label).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var article = new StringBuilder();
            article.Append("# ").Append(Title(intent.Key)).Append("\n\nHow customers ask about it:\n\n");
            foreach (var (text, _) in intent) article.Append("- ").Append(text.Replace('\n', ' ')).Append('\n');
            using var uploaded = JsonDocument.Parse(await driver.UploadAsync($"/api/v1/ai/knowledge/{Base}/documents", intent.Key + ".md",
                Encoding.UTF8.GetBytes(article.ToString()), "text/markdown"));
            chunks += uploaded.RootElement.GetProperty("document").GetProperty("chunks").GetInt32();
        }
        var uploadSeconds = clock.Elapsed.TotalSeconds;

        // A few searches first, so that the figures below are not the host's first (compiling) ones.
        foreach (var (text, _) in test.Take(100)) await SearchAsync(driver, text);
        var times = new List<double>(test.Count);
        var hits1 = 0;
        var hits5 = 0;
        var reciprocal = 0.0;
        var byIntent = new Dictionary<string, (int Queries, int Hits, Dictionary<string, int> Confused)>();
        foreach (var (text, label) in test)
        {
            var started = Stopwatch.GetTimestamp();
            var ranking = await SearchAsync(driver, text);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            var rank = ranking.IndexOf(label + ".md") + 1;
            if (rank == 1) hits1++;
            if (rank is >= 1 and <= 5) hits5++;
            if (rank is >= 1 and <= RankedDocuments) reciprocal += 1.0 / rank;
            var (queries, hits, confused) = byIntent.TryGetValue(label, out var seen) ? seen : (0, 0, new Dictionary<string, int>());
            if (rank != 1 && ranking.Count > 0) confused[ranking[0]] = confused.GetValueOrDefault(ranking[0]) + 1;
            byIntent[label] = (queries + 1, hits + (rank == 1 ? 1 : 0), confused);
        }
        times.Sort();
        var worst = byIntent.Select(i => (Intent: i.Key, RecallAt1: (double)i.Value.Hits / i.Value.Queries, i.Value.Queries,
                MostConfusedWith: i.Value.Confused.Count == 0 ? "" : i.Value.Confused.MaxBy(c => c.Value).Key.Replace(".md", "", StringComparison.Ordinal)))
            .OrderBy(i => i.RecallAt1).ThenBy(i => i.Intent, StringComparer.Ordinal).Take(5).ToList();
        var figures = new Figures(byIntent.Count, chunks, test.Count, (double)hits1 / test.Count, (double)hits5 / test.Count, reciprocal / test.Count,
            GatewayOverhead.Percentile(times, 0.50), GatewayOverhead.Percentile(times, 0.99), uploadSeconds, worst);
        Console.WriteLine($"  retrieval: recall@1 {figures.RecallAt1:0.000}, recall@5 {figures.RecallAt5:0.000}, MRR {figures.Mrr:0.000} over {test.Count:N0} questions");
        return figures;
    }

    public static void Print(Figures? figures)
    {
        if (figures is null) return;
        static string F(double v, string format = "0.000") => v.ToString(format, CultureInfo.InvariantCulture);
        Console.WriteLine();
        Console.WriteLine($"knowledge retrieval, lexical (no embeddings model): BANKING77, {figures.Documents} articles (one per intent, the training set's " +
            $"questions) in {figures.Chunks:N0} chunks, uploaded in {F(figures.UploadSeconds, "0.0")} s; {figures.Queries:N0} test questions, one at a time");
        Console.WriteLine($"  recall@1 {F(figures.RecallAt1)}   recall@5 {F(figures.RecallAt5)}   MRR@{RankedDocuments} {F(figures.Mrr)}   " +
            $"search as the client waits: p50 {F(figures.P50Ms)} ms, p99 {F(figures.P99Ms)} ms");
        Console.WriteLine("  the intents found first least often (recall@1, questions, the article found first instead most often):");
        foreach (var w in figures.Worst) Console.WriteLine($"    {w.Intent,-42}{F(w.RecallAt1),7}{w.Queries,5}  {w.MostConfusedWith}");
    }

    private static async Task<List<string>> SearchAsync(HttpDriver driver, string query)
    {
        using var result = JsonDocument.Parse(await driver.PostAsync($"/api/v1/ai/knowledge/{Base}/search", new { query, limit = ChunksPerSearch }));
        var documents = new List<string>(RankedDocuments);
        foreach (var chunk in result.RootElement.GetProperty("chunks").EnumerateArray())
        {
            var document = chunk.GetProperty("document").GetString()!;
            if (!documents.Contains(document)) documents.Add(document);
            if (documents.Count == RankedDocuments) break;
        }
        return documents;
    }

    private static string Title(string intent) =>
        CultureInfo.InvariantCulture.TextInfo.ToTitleCase(intent.Replace('_', ' '));

    /// <summary>The data set's CSV (<c>text,category</c>, RFC 4180 quoting): its rows after the header.</summary>
    internal static List<(string Text, string Label)> ReadCsv(string path)
    {
        var rows = new List<(string, string)>();
        var content = File.ReadAllText(path);
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < content.Length; i++)
        {
            var c = content[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < content.Length && content[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < content.Length && content[i + 1] == '\n') i++;
                fields.Add(field.ToString());
                field.Clear();
                if (fields.Count == 2) rows.Add((fields[0], fields[1]));
                fields.Clear();
            }
            else field.Append(c);
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            if (fields.Count == 2) rows.Add((fields[0], fields[1]));
        }
        return rows is [("text", "category"), .. var data] ? [.. data] : rows;
    }
}
