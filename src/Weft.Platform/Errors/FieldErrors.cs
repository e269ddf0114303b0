using System.Text.RegularExpressions;

namespace Weft.Platform.Errors;

/// <summary>
/// Collects what is wrong with a request's fields, so that every broken field is reported at once
/// (400 <c>validation_failed</c> with the field → messages map), before anything is changed.
/// </summary>
public sealed partial class FieldErrors
{
    private readonly Dictionary<string, string[]> errors = [];

    public int Count => errors.Count;

    public bool Has(string field) => errors.ContainsKey(field);

    /// <summary>The messages of one field; setting replaces them.</summary>
    public string[] this[string field]
    {
        get => errors.TryGetValue(field, out var messages) ? messages : [];
        set => errors[field] = value;
    }

    public void Add(string field, string message) =>
        errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

    /// <summary>A key: 1-64 letters, digits, '_', '.' or '-' (graph, agent and tenant keys).</summary>
    public void RequireKey(string? key, string field)
    {
        if (string.IsNullOrWhiteSpace(key)) Add(field, $"'{field}' is required.");
        else if (!KeyPattern().IsMatch(key)) Add(field, $"'{field}' must be 1-64 letters, digits, '_', '.' or '-'.");
    }

    public static bool IsKey(string? key) => key is not null && KeyPattern().IsMatch(key);

    /// <summary>Refuses the request when any field is wrong.</summary>
    public void ThrowIfAny()
    {
        if (errors.Count > 0) throw Refusal(errors);
    }

    /// <summary>The refusal of a request with one wrong field, found after the others were checked (against the data, say).</summary>
    public static WeftException Of(string field, string message) => Refusal(new Dictionary<string, string[]> { [field] = [message] });

    private static WeftException Refusal(IReadOnlyDictionary<string, string[]> errors) =>
        WeftException.Invalid("validation_failed", "The request has invalid fields.", errors);

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$")]
    private static partial Regex KeyPattern();
}
