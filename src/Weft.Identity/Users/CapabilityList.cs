using System.Globalization;
using Weft.Flow.Contracts;

namespace Weft.Identity.Users;

/// <summary>Capabilities as a person types them: <c>cutting:2, stitching</c> (level 1 when not given).</summary>
internal static class CapabilityList
{
    public static IReadOnlyList<CapabilityDto> Parse(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split(':', 2, StringSplitOptions.TrimEntries))
            .Select(p => new CapabilityDto(p[0], p.Length == 2 && int.TryParse(p[1], NumberStyles.None, CultureInfo.InvariantCulture, out var level) ? level : 1))
            .ToList();
}
