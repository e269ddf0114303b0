namespace Weft.Commerce.Inbound;

/// <summary>What the inspector has entered for one sampled line: a value per measured check, a verdict per pass/fail check, a note.</summary>
internal sealed class InspectionInput(ReceiptLineDto line)
{
    /// <summary>A product whose rule lists no checks is inspected by eye: one verdict, under this name.</summary>
    public const string ByEye = "inspection";

    public ReceiptLineDto Line { get; } = line;
    public Dictionary<string, decimal?> Values { get; } = line.Checks.Where(c => c.Kind == "measure").ToDictionary(c => c.Name!, _ => (decimal?)null);
    public Dictionary<string, bool> Verdicts { get; } =
        line.Checks.Count == 0 ? new() { [ByEye] = false } : line.Checks.Where(c => c.Kind != "measure").ToDictionary(c => c.Name!, _ => false);
    public string? Note { get; set; }

    public InspectLineRequest ToRequest() => new(Line.Id,
        [.. Values.Select(v => new QcResultRequest(v.Key, Value: v.Value)), .. Verdicts.Select(v => new QcResultRequest(v.Key, Passed: v.Value))],
        string.IsNullOrWhiteSpace(Note) ? null : Note.Trim());
}
