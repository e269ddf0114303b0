using System.Globalization;
using System.Text.RegularExpressions;

namespace Weft.Flow.Definitions;

/// <summary>The validation rules of the nodes where a token waits: timers and waits for a message.</summary>
internal static partial class WaitingNodes
{
    /// <summary>Ten years: longer is a mistake, not a plan.</summary>
    public const double MaxMinutes = 10 * 366 * 24 * 60;

    public static void CheckTimer(NodeDefinition node, IReadOnlyList<EdgeDefinition> outgoing, List<ValidationError> errors)
    {
        var key = node.Key;
        var hasDelay = node.DelayMinutes is not null;
        var hasUntil = !string.IsNullOrWhiteSpace(node.UntilField);
        if (hasDelay == hasUntil)
            errors.Add(new("timer_delay_missing", $"Timer '{key}' needs either 'delayMinutes' or 'untilField', one of them.", key));
        if (node.DelayMinutes is { } delay && !(delay > 0 && delay <= MaxMinutes))
            errors.Add(new("timer_delay_invalid", Text($"Timer '{key}' waits {delay} minutes; it must be more than 0 and at most ten years."), key));
        if (hasUntil && !FieldPath().IsMatch(node.UntilField!))
            errors.Add(new("timer_delay_invalid", $"Timer '{key}' waits until field '{node.UntilField}', which is not a field name.", key));
        if (outgoing.Count != 1 || !string.IsNullOrWhiteSpace(outgoing[0].Outcome))
            errors.Add(new("waiting_edge_invalid", $"Timer '{key}' needs exactly one outgoing edge, without an outcome.", key));
    }

    public static void CheckWait(NodeDefinition node, IReadOnlyList<EdgeDefinition> outgoing, List<ValidationError> errors)
    {
        var key = node.Key;
        if (string.IsNullOrWhiteSpace(node.Message) || !MessageName().IsMatch(node.Message))
            errors.Add(new("wait_message_missing", $"Wait '{key}' needs the name of the message it waits for (1-128 letters, digits, '.', '_', ':', '-').", key));
        if (node.CorrelationField is { } field && !FieldPath().IsMatch(field))
            errors.Add(new("wait_correlation_invalid", $"Wait '{key}' correlates on '{field}', which is not a field name.", key));
        if (node.TimeoutMinutes is { } timeout && !(timeout > 0 && timeout <= MaxMinutes))
            errors.Add(new("timeout_invalid", Text($"Wait '{key}' has a timeout of {timeout} minutes; a timeout must be positive."), key));
        var timeouts = outgoing.Count(e => IsTimeout(e));
        var received = outgoing.Count(e => string.IsNullOrWhiteSpace(e.Outcome));
        if (received != 1 || timeouts > 1 || outgoing.Count != received + timeouts)
            errors.Add(new("waiting_edge_invalid",
                $"Wait '{key}' needs one outgoing edge without an outcome (the message arrived) and at most one with outcome 'timeout'.", key));
        if (timeouts == 1 && node.TimeoutMinutes is null)
            errors.Add(new("wait_timeout_missing", $"Wait '{key}' has a 'timeout' edge but no 'timeoutMinutes'.", key));
        if (timeouts == 0 && node.TimeoutMinutes is not null)
            errors.Add(new("wait_timeout_edge_missing", $"Wait '{key}' has 'timeoutMinutes' but no edge with outcome 'timeout' to leave by.", key));
    }

    /// <summary>A task's deadline and what happens when it is missed.</summary>
    public static void CheckDeadline(NodeDefinition node, List<ValidationError> errors)
    {
        var key = node.Key;
        if (node.DeadlineMinutes is not null && node.DeadlineField is not null)
            errors.Add(new("deadline_invalid", $"Node '{key}' has both 'deadlineMinutes' and 'deadlineField'; give one.", key));
        if (node.DeadlineMinutes is { } minutes && !(minutes > 0 && minutes <= MaxMinutes))
            errors.Add(new("deadline_invalid", Text($"Node '{key}' has a deadline of {minutes} minutes; it must be more than 0 and at most ten years."), key));
        if (node.DeadlineField is { } field && !FieldPath().IsMatch(field))
            errors.Add(new("deadline_invalid", $"Node '{key}' takes its deadline from '{field}', which is not a field name.", key));
        var hasDeadline = node.DeadlineMinutes is not null || node.DeadlineField is not null;
        if ((node.EscalateToLevel is not null || node.EscalateToCapability is not null) && !hasDeadline)
            errors.Add(new("escalation_invalid", $"Node '{key}' escalates, but has no deadline to miss.", key));
        if (node.EscalateToLevel is { } level && (level < 1 || level > GraphValidator.MaxLevel))
            errors.Add(new("escalation_invalid", Text($"Node '{key}' escalates to level {level}; levels go from 1 to {GraphValidator.MaxLevel}."), key));
        if (node.EscalateToCapability is { } capability && (string.IsNullOrWhiteSpace(capability) || capability.Length > 64))
            errors.Add(new("escalation_invalid", $"Node '{key}' escalates to capability '{capability}'; a capability is 1-64 characters.", key));
    }

    public static bool IsTimeout(EdgeDefinition edge) =>
        string.Equals(edge.Outcome?.Trim(), NodeDefinition.TimeoutOutcome, StringComparison.OrdinalIgnoreCase);

    public static bool IsMessageName(string? name) => name is not null && MessageName().IsMatch(name);

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Whether the text names a data field (a path of up to eight names joined by dots).</summary>
    public static bool IsFieldPath(string? field) => field is not null && FieldPath().IsMatch(field);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}(\\.[A-Za-z0-9_-]{1,64}){0,7}$")]
    private static partial Regex FieldPath();

    [GeneratedRegex("^[A-Za-z0-9_.:-]{1,128}$")]
    private static partial Regex MessageName();
}
