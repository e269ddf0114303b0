using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Weft.Flow.Definitions;

namespace Weft.Flow.Rules;

/// <summary>
/// Checks a decision's rules and the graph's declared fields: syntax, operators, values, the types of
/// declared fields, and that every rule's outcome names an edge. Reports every problem, never throws.
/// </summary>
internal static partial class RuleValidator
{
    public const int MaxRules = 50;
    public const int MaxDepth = 5;
    public const int MaxConditions = 100;

    public static Dictionary<string, string> Fields(IReadOnlyList<FieldDefinition?>? fields, List<ValidationError> errors)
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in fields ?? [])
        {
            if (field is null || !FieldPath().IsMatch(field.Name ?? ""))
            {
                errors.Add(new("field_invalid", $"A declared field needs a name of letters, digits, '_' and '-', dotted for nested objects; '{field?.Name}' is not one."));
                continue;
            }
            if (!RuleOperators.FieldTypes.Contains(field.Type))
                errors.Add(new("field_type_unknown", $"Field '{field.Name}' has type '{field.Type}'; it must be one of: {string.Join(", ", RuleOperators.FieldTypes)}."));
            else if (!types.TryAdd(field.Name!, field.Type))
                errors.Add(new("field_duplicate", $"Field '{field.Name}' is declared twice."));
        }
        return types;
    }

    public static void Check(NodeDefinition node, IReadOnlyCollection<string?> outcomes, IReadOnlyDictionary<string, string> fields, List<ValidationError> errors)
    {
        var rules = node.Rules!;
        if (rules.Count > MaxRules)
        {
            errors.Add(new("rule_too_complex", $"Decision '{node.Key}' has {rules.Count} rules; at most {MaxRules}.", node.Key));
            return;
        }
        var conditions = 0;
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            var where = $"Decision '{node.Key}' rule {(i + 1).ToString(CultureInfo.InvariantCulture)}";
            if (rule is null || rule.When is null)
            {
                errors.Add(new("rule_condition_missing", $"{where} needs a condition ('when').", node.Key));
                continue;
            }
            if (string.IsNullOrWhiteSpace(rule.Outcome) || !outcomes.Contains(rule.Outcome.Trim()))
                errors.Add(new("rule_outcome_unknown", $"{where} leads to '{rule.Outcome}', which is not the outcome of any of its edges.", node.Key));
            Condition(rule.When, where, node.Key, fields, 1, ref conditions, errors);
        }
        if (conditions > MaxConditions)
            errors.Add(new("rule_too_complex", $"Decision '{node.Key}' has {conditions} conditions; at most {MaxConditions}.", node.Key));
    }

    private static void Condition(RuleCondition? c, string where, string node, IReadOnlyDictionary<string, string> fields, int depth,
        ref int count, List<ValidationError> errors)
    {
        count++;
        if (c is null)
        {
            errors.Add(new("rule_condition_invalid", $"{where} has an empty condition.", node));
            return;
        }
        if (depth > MaxDepth)
        {
            errors.Add(new("rule_too_complex", $"{where} nests conditions deeper than {MaxDepth} levels.", node));
            return;
        }
        var kinds = (c.Field is not null || c.Op is not null ? 1 : 0) + (c.All is not null ? 1 : 0) + (c.Any is not null ? 1 : 0);
        if (kinds != 1)
        {
            errors.Add(new("rule_condition_invalid", $"{where}: a condition is a comparison ('field' and 'op') or a group ('all' or 'any'), one of them.", node));
            return;
        }
        if ((c.All ?? c.Any) is { } group)
        {
            if (group.Count == 0) errors.Add(new("rule_group_empty", $"{where} has an empty 'all' or 'any' group.", node));
            foreach (var inner in group) Condition(inner, where, node, fields, depth + 1, ref count, errors);
            return;
        }
        if (c.Field is null || !FieldPath().IsMatch(c.Field))
        {
            errors.Add(new("rule_field_invalid", $"{where} compares '{c.Field}', which is not a field name (letters, digits, '_' and '-', dotted for nested objects).", node));
            return;
        }
        if (c.Op is null || !RuleOperators.All.Contains(c.Op))
        {
            errors.Add(new("rule_operator_unknown", $"{where} uses operator '{c.Op}'; it must be one of: {string.Join(", ", RuleOperators.All)}.", node));
            return;
        }
        if (c.Op == RuleOperators.Exists)
        {
            if (c.Value is not null || c.Values is not null)
                errors.Add(new("rule_value_invalid", $"{where}: 'exists' takes no value.", node));
            return;
        }
        IReadOnlyList<JsonNode?> constants = c.Op == RuleOperators.In ? c.Values ?? [] : c.Value is null ? [] : [c.Value];
        if (constants.Count == 0 || (c.Op != RuleOperators.In && c.Values is not null) || (c.Op == RuleOperators.In && c.Value is not null))
        {
            errors.Add(new("rule_value_missing", c.Op == RuleOperators.In
                ? $"{where}: 'in' needs a non-empty list of 'values'."
                : $"{where}: '{c.Op}' needs one 'value'.", node));
            return;
        }
        if (constants.Any(v => v is not JsonValue))
        {
            errors.Add(new("rule_value_invalid", $"{where}: values are text, numbers, booleans or dates, not objects, lists or null.", node));
            return;
        }
        if (fields.TryGetValue(c.Field, out var type))
        {
            if (type == "boolean" && RuleOperators.Ordering.Contains(c.Op))
                errors.Add(new("rule_value_type", $"{where} orders '{c.Field}', a boolean; only eq, ne, in and exists apply to it.", node));
            else if (constants.Any(v => !OfType((JsonValue)v!, type)))
                errors.Add(new("rule_value_type", $"{where} compares '{c.Field}', a {type}, with a value that is not a {type}.", node));
        }
    }

    private static bool OfType(JsonValue value, string type) => type switch
    {
        "number" => value.GetValueKind() == JsonValueKind.Number,
        "boolean" => value.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        "date" => value.TryGetValue<string>(out var s) && RuleEvaluator.Date(s) is not null,
        _ => value.GetValueKind() == JsonValueKind.String,
    };

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}(\\.[A-Za-z0-9_-]{1,64}){0,7}$")]
    private static partial Regex FieldPath();
}
