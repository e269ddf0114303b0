using System.Text.RegularExpressions;

namespace Weft.Support.Macros;

/// <summary>A macro body's variables, <c>{{name}}</c> with optional spaces inside the braces, and their rendering.</summary>
internal static partial class MacroTemplate
{
    public const string CustomerName = "customer.name";
    public const string CustomerFirstName = "customer.first_name";
    public const string CustomerEmail = "customer.email";
    public const string ConversationNumber = "conversation.number";
    public const string ConversationSubject = "conversation.subject";
    public const string AgentName = "agent.name";

    public static readonly IReadOnlyList<string> Variables = [CustomerName, CustomerFirstName, CustomerEmail, ConversationNumber, ConversationSubject, AgentName];

    /// <summary>The variables <paramref name="body"/> names that do not exist, each once, in the order they appear.</summary>
    public static IReadOnlyList<string> Unknown(string body) =>
        Placeholder().Matches(body).Select(m => m.Groups[1].Value).Where(v => !Variables.Contains(v)).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The body with each variable replaced by its value (an unknown value, such as a customer without email, by nothing).</summary>
    public static string Render(string body, IReadOnlyDictionary<string, string?> values) =>
        Placeholder().Replace(body, m => values.TryGetValue(m.Groups[1].Value, out var value) ? value ?? "" : m.Value);

    /// <summary>The first word of a name: what <c>{{customer.first_name}}</c> greets with.</summary>
    public static string FirstName(string name) => name.Trim().Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";

    [GeneratedRegex(@"\{\{\s*([^{}\s]*)\s*\}\}")]
    private static partial Regex Placeholder();
}
