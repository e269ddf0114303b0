using System.Linq.Expressions;
using System.Text.Json;
using System.Text.Json.Nodes;
using Weft.Flow.Contracts;
using Weft.Flow.Persistence;
using Weft.Flow.Rules;

namespace Weft.Flow.Runtime;

/// <summary>
/// What a work item asks of its agent beyond its capability: capabilities the agent must also hold (a team) and
/// capabilities that rank able agents first (a language), read from the token's data (then the job's) when the item is
/// created. They are kept on the item as <c>|a|b|</c> (lower-case names between bars), so that a query can tell whether an
/// agent holds them all: removing each of the agent's <c>|name|</c> from the text leaves <c>|</c> exactly when it does.
/// </summary>
internal static class WorkRequirements
{
    /// <summary>At most this many names are kept per item, each at most <see cref="MaxName"/> characters (as agents' capabilities).</summary>
    public const int MaxNames = 16;
    public const int MaxName = 64;
    public const int MaxText = MaxNames * (MaxName + 1) + 1;
    private const char Bar = '|';

    /// <summary>
    /// The names in the data field: a text or a list of texts. A value of another kind is kept as its JSON text, which no
    /// agent holds: the work then waits where a manager sees it rather than going to someone it was not meant for.
    /// </summary>
    public static List<string> Resolve(string? field, JsonObject token, JsonObject job)
    {
        if (string.IsNullOrEmpty(field)) return [];
        var value = RuleEvaluator.Lookup(token, field) ?? RuleEvaluator.Lookup(job, field);
        IEnumerable<JsonNode?> values = value is JsonArray list ? list : new List<JsonNode?> { value };
        return Normalize(values.Where(v => v is not null).Select(v => v is JsonValue text && text.GetValueKind() == JsonValueKind.String
            ? text.GetValue<string>() : v!.ToJsonString()));
    }

    /// <summary>Trimmed, lower case, without blanks and repeats; longer names cut to <see cref="MaxName"/>, at most <see cref="MaxNames"/>.</summary>
    public static List<string> Normalize(IEnumerable<string?> names) =>
        names.Select(n => (n ?? "").Trim().ToLowerInvariant()).Where(n => n.Length > 0)
            .Select(n => n.Length > MaxName ? n[..MaxName] : n).Distinct(StringComparer.Ordinal).Take(MaxNames).ToList();

    public static string? Write(IReadOnlyCollection<string> names) => names.Count == 0 ? null : Bar + string.Join(Bar, names) + Bar;

    public static IReadOnlyList<string> Read(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.Split(Bar, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Whether the agent holds every capability the item requires beyond its own.</summary>
    public static bool MetBy(IReadOnlyList<CapabilityDto> capabilities, WorkItemRecord item) =>
        Read(item.RequiredCapabilities).All(r => capabilities.Any(c => string.Equals(c.Name, r, StringComparison.OrdinalIgnoreCase)));

    /// <summary>How many of the item's preferred capabilities the agent holds.</summary>
    public static int Preference(IReadOnlyList<CapabilityDto> capabilities, WorkItemRecord item) =>
        Read(item.PreferredCapabilities).Count(p => capabilities.Any(c => string.Equals(c.Name, p, StringComparison.OrdinalIgnoreCase)));

    /// <summary>The required capabilities the agent lacks, for a refusal's message.</summary>
    public static IReadOnlyList<string> Missing(IReadOnlyList<CapabilityDto> capabilities, WorkItemRecord item) =>
        Read(item.RequiredCapabilities).Where(r => !capabilities.Any(c => string.Equals(c.Name, r, StringComparison.OrdinalIgnoreCase))).ToList();

    /// <summary>
    /// Work whose requirements an agent holding <paramref name="names"/> meets, as a condition the database evaluates:
    /// nothing required, or nothing left once each held <c>|name|</c> is replaced by <c>|</c>.
    /// </summary>
    public static Expression<Func<WorkItemRecord, bool>> MetByQuery(IEnumerable<string> names)
    {
        Expression<Func<WorkItemRecord, string?>> required = w => w.RequiredCapabilities;
        Expression text = required.Body;
        foreach (var name in names.Select(n => n.ToLowerInvariant()).Distinct(StringComparer.Ordinal))
        {
            var removal = Removing(name);
            text = new Substitution(removal.Parameters[0], text).Visit(removal.Body);
        }
        var met = Expression.OrElse(
            Expression.Equal(required.Body, Expression.Constant(null, typeof(string))),
            Expression.Equal(text, Expression.Constant(Bar.ToString())));
        return Expression.Lambda<Func<WorkItemRecord, bool>>(met, required.Parameters);
    }

    /// <summary>Work some agent of the given ones (each by the names it holds) could meet the requirements of.</summary>
    public static Expression<Func<WorkItemRecord, bool>> MetByAnyOf(IEnumerable<IEnumerable<string>> agents)
    {
        Expression<Func<WorkItemRecord, bool>>? any = null;
        foreach (var names in agents) any = any is null ? MetByQuery(names) : AgentCapabilities.Or(any, MetByQuery(names));
        return any ?? (w => w.RequiredCapabilities == null);
    }

    // Closures, so that the names become parameters of the statement rather than text in it.
    private static Expression<Func<string?, string?>> Removing(string name)
    {
        var held = Bar + name + Bar;
        var bar = Bar.ToString();
        return s => s!.Replace(held, bar);
    }

    private sealed class Substitution(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
