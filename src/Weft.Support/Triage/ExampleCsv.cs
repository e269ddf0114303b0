using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper;

namespace Weft.Support.Triage;

/// <summary>
/// Training examples as CSV (RFC 4180, comma separated, UTF-8, a header row naming <c>text</c> and <c>intent</c> in
/// any order). An intent is a key (letters, digits, <c>_ . -</c>), so it reads the same in the API, the metrics and a
/// workflow's routing rules; <c>unknown</c> is the classifier's own answer and cannot be an intent.
/// </summary>
internal static partial class ExampleCsv
{
    public const int MaxBytes = 8 * 1024 * 1024;
    public const int MaxRows = 50_000;
    public const int MaxTextLength = 2000;
    public const string Text = "text", Intent = "intent", WholeRow = "*";

    public static (List<(int Row, IntentExample Example)> Rows, List<ExampleRowError> Errors) Read(ReadOnlyMemory<byte> content)
    {
        var rows = new List<(int, IntentExample)>();
        var errors = new List<ExampleRowError>();
        var skipped = 0;
        var options = CsvReaderOptions.Default with
        {
            Separator = ',', HasHeader = true, TrimWhitespace = true, SkipEmptyLines = true, FormatProvider = CultureInfo.InvariantCulture,
            MalformedData = CsvMalformedDataHandling.Skip, FieldCountMismatch = CsvFieldCountHandling.Allow,
            OnMalformedRecord = bad =>
            {
                skipped++;
                errors.Add(new ExampleRowError((int)bad.RecordNumber, WholeRow, $"The row's quotes do not pair up ({bad.Reason})."));
            },
        };
        using var csv = CsvReader.Create(content, options);
        csv.ReadHeader();
        if (csv.Headers.Count == 0)
        {
            errors.Add(new ExampleRowError(1, WholeRow, "The file is empty: its first row names the columns (text, intent)."));
            return (rows, errors);
        }
        int? textAt = null, intentAt = null;
        for (var i = 0; i < csv.Headers.Count; i++)
        {
            var header = csv.Headers[i].Trim().TrimStart('\uFEFF');
            if (header == Text && textAt is null) textAt = i;
            else if (header == Intent && intentAt is null) intentAt = i;
            else errors.Add(new ExampleRowError(1, header, $"'{header}' is not a column of a training file (or is named twice); the columns are text and intent."));
        }
        if (textAt is null) errors.Add(new ExampleRowError(1, Text, "The column 'text' is required."));
        if (intentAt is null) errors.Add(new ExampleRowError(1, Intent, "The column 'intent' is required."));
        if (errors.Count > 0) return (rows, errors);

        while (csv.Read())
        {
            var row = (int)csv.RowNumber + 1 + skipped;
            if (rows.Count == MaxRows)
            {
                errors.Add(new ExampleRowError(row, WholeRow, $"A file holds at most {MaxRows:N0} examples; upload the rest in another file."));
                break;
            }
            if (csv.FieldCount > csv.Headers.Count)
                errors.Add(new ExampleRowError(row, WholeRow, $"The row has {csv.FieldCount} fields; the header names {csv.Headers.Count} columns."));
            var text = textAt < csv.FieldCount ? csv.GetString(textAt.Value).Trim() : "";
            var intent = intentAt < csv.FieldCount ? csv.GetString(intentAt.Value).Trim() : "";
            foreach (var (column, message) in Check(text, intent)) errors.Add(new ExampleRowError(row, column, message));
            rows.Add((row, new IntentExample(text, intent)));
        }
        if (rows.Count == 0 && errors.Count == 0) errors.Add(new ExampleRowError(2, WholeRow, "There are no rows under the header: one example per row."));
        return (rows, errors);
    }

    /// <summary>What is wrong with one example, by column.</summary>
    public static IEnumerable<(string Column, string Message)> Check(string text, string intent)
    {
        if (text.Length == 0) yield return (Text, "The text is empty.");
        else if (text.Length > MaxTextLength) yield return (Text, $"The text has {text.Length:N0} characters; at most {MaxTextLength:N0}.");
        else if (text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'))) yield return (Text, "The text holds control characters.");
        if (intent.Length == 0) yield return (Intent, "The intent is empty.");
        else if (!IntentPattern().IsMatch(intent)) yield return (Intent, $"'{Shorten(intent)}' is not an intent: 1-100 letters, digits, '_', '.' or '-'.");
        else if (string.Equals(intent, IntentClassifier.Unknown, StringComparison.OrdinalIgnoreCase))
            yield return (Intent, $"'{IntentClassifier.Unknown}' is what the classifier answers when unsure; it cannot be an intent.");
    }

    private static string Shorten(string value) => value.Length > 40 ? value[..40] + "…" : value;

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,100}$")]
    private static partial Regex IntentPattern();
}
