using Weft.Platform.Errors;
using Weft.Platform.Web.Ui;

namespace Weft.AI.Ui;

/// <summary>A refusal as a dialog shows it: the whole of it above the fields, and each wrong field marked with its own messages.</summary>
internal sealed class DialogProblem(WeftException refusal)
{
    private readonly IReadOnlyDictionary<string, string[]> fields =
        refusal.Details as IReadOnlyDictionary<string, string[]> ?? new Dictionary<string, string[]>();

    public string Text { get; } = ProblemText.Of(refusal);

    /// <summary>The refusal's code (<c>validation_failed</c>, <c>agent_exists</c>).</summary>
    public string Code { get; } = refusal.Code;

    /// <summary>The fields the refusal names.</summary>
    public IEnumerable<string> Fields => fields.Keys;

    public bool Has(string field) => fields.ContainsKey(field);

    public string? For(string field) => fields.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;
}
