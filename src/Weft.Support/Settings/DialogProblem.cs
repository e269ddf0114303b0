using Weft.Platform.Errors;
using Weft.Platform.Web.Ui;

namespace Weft.Support.Settings;

/// <summary>A refusal as a dialog shows it: the whole of it above the fields, and each wrong field marked with its own messages.</summary>
internal sealed class DialogProblem(WeftException refusal)
{
    private readonly IReadOnlyDictionary<string, string[]> fields =
        refusal.Details as IReadOnlyDictionary<string, string[]> ?? new Dictionary<string, string[]>();

    public string Text { get; } = ProblemText.Of(refusal);

    /// <summary>True when a field whose name starts with <paramref name="field"/> is wrong (<c>hours</c> covers <c>hours.mon</c>).</summary>
    public bool Has(string field) => fields.Keys.Any(k => k == field || k.StartsWith(field + ".", StringComparison.Ordinal));

    public string? For(string field)
    {
        var messages = fields.Where(f => f.Key == field || f.Key.StartsWith(field + ".", StringComparison.Ordinal)).SelectMany(f => f.Value).ToList();
        return messages.Count == 0 ? null : string.Join(" ", messages);
    }
}
