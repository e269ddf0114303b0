using System.Globalization;
using Weft.Flow.Contracts;

namespace Weft.AI.Agents;

/// <summary>Capabilities as a person types them: comma separated, each with an optional level (<c>triage:2, answer</c>).</summary>
internal static class CapabilityText
{
    /// <summary>
    /// The capabilities typed; a level that is not a number is passed on as 0, for the engine to refuse with its own
    /// message rather than be read as level 1 without a word.
    /// </summary>
    public static IReadOnlyList<CapabilityDto> Parse(string? text) =>
        [.. (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split(':', 2, StringSplitOptions.TrimEntries))
            .Select(p => new CapabilityDto(p[0], p.Length == 1 ? 1 : int.TryParse(p[1], NumberStyles.None, CultureInfo.InvariantCulture, out var level) ? level : 0))];

    public static string Of(IReadOnlyList<CapabilityDto> capabilities) =>
        string.Join(", ", capabilities.Select(c => c.Level == 1 ? c.Name : string.Create(CultureInfo.InvariantCulture, $"{c.Name}:{c.Level}")));
}
