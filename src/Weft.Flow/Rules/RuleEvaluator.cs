using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Weft.Flow.Definitions;

namespace Weft.Flow.Rules;

/// <summary>
/// Decides which way a token leaves a decision from its rules. A field is looked up in the token's data,
/// then the job's. Numbers compare as numbers, dates (ISO-8601 text) as instants, text without regard to
/// case. A missing field (or a value of another kind than the constant) equals nothing, orders against
/// nothing and is in no list; <c>ne</c> is the negation of <c>eq</c>, so it holds for it; <c>exists</c> does not.
/// </summary>
internal static class RuleEvaluator
{
    /// <summary>The outcome of the first rule that holds, or null (the default edge).</summary>
    public static string? Choose(IReadOnlyList<DecisionRule> rules, JsonObject token, JsonObject job)
    {
        foreach (var rule in rules)
        {
            if (rule.When is { } when && Holds(when, token, job)) return rule.Outcome;
        }
        return null;
    }

    public static bool Holds(RuleCondition condition, JsonObject token, JsonObject job)
    {
        if (condition.All is { } all) return all.All(c => Holds(c, token, job));
        if (condition.Any is { } any) return any.Any(c => Holds(c, token, job));
        var value = Lookup(token, condition.Field!) ?? Lookup(job, condition.Field!);
        return condition.Op switch
        {
            RuleOperators.Exists => value is not null,
            RuleOperators.Ne => Compare(value, condition.Value) != 0,
            _ when value is null => false,
            RuleOperators.Eq => Compare(value, condition.Value) == 0,
            RuleOperators.Lt => Compare(value, condition.Value) < 0,
            RuleOperators.Lte => Compare(value, condition.Value) <= 0,
            RuleOperators.Gt => Compare(value, condition.Value) > 0,
            RuleOperators.Gte => Compare(value, condition.Value) >= 0,
            RuleOperators.In => (condition.Values ?? []).Any(v => Compare(value, v) == 0),
            _ => false,
        };
    }

    /// <summary>The value at a dotted path, or null when it is missing or JSON null.</summary>
    public static JsonNode? Lookup(JsonObject data, string path)
    {
        JsonNode? current = data;
        foreach (var part in path.Split('.'))
        {
            if (current is not JsonObject obj || !obj.TryGetPropertyValue(part, out current)) return null;
        }
        return current;
    }

    /// <summary>-1, 0 or 1 when the two values are comparable (both numbers, dates, booleans or text); null otherwise.</summary>
    internal static int? Compare(JsonNode? field, JsonNode? constant)
    {
        if (field is not JsonValue a || constant is not JsonValue b) return null;
        if (Number(a) is { } x && Number(b) is { } y) return x.CompareTo(y);
        if (a.GetValueKind() is JsonValueKind.True or JsonValueKind.False && b.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
            return a.GetValue<bool>().CompareTo(b.GetValue<bool>());
        if (!a.TryGetValue<string>(out var s) || !b.TryGetValue<string>(out var t)) return null;
        if (Date(s) is { } d && Date(t) is { } e) return d.CompareTo(e);
        return Math.Sign(string.Compare(s, t, StringComparison.OrdinalIgnoreCase));
    }

    internal static decimal? Number(JsonValue value) =>
        value.GetValueKind() == JsonValueKind.Number && decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? d
            : null;

    internal static DateTimeOffset? Date(string text) =>
        text.Length >= 10 && char.IsAsciiDigit(text[0])
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var d)
            ? d
            : null;
}
