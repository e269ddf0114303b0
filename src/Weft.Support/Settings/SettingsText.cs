using System.Globalization;
using Weft.Support.Answering;
using Weft.Support.Sla;

namespace Weft.Support.Settings;

/// <summary>Support settings as a person reads them: a week of hours, business minutes, an AI mode.</summary>
internal static class SettingsText
{
    public static readonly IReadOnlyList<string> DayTitles = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    private static readonly string[] DayShort = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

    /// <summary>"Mon–Fri 09:00–18:00; Sat 10:00–14:00", consecutive days with the same hours grouped; "closed all week" when no day opens.</summary>
    public static string Week(IReadOnlyDictionary<string, IReadOnlyList<HoursInterval>> hours)
    {
        var days = BusinessHours.DayNames.Select(d => hours.TryGetValue(d, out var i) && i.Count > 0
            ? string.Join(", ", i.Select(x => $"{x.From}–{x.To}")) : null).ToList();
        var parts = new List<string>();
        for (var start = 0; start < days.Count;)
        {
            var end = start;
            while (end + 1 < days.Count && days[end + 1] == days[start]) end++;
            if (days[start] is { } text)
                parts.Add($"{(end == start ? DayShort[start] : $"{DayShort[start]}–{DayShort[end]}")} {text}");
            start = end + 1;
        }
        return parts.Count == 0 ? "closed all week" : string.Join("; ", parts);
    }

    /// <summary>"4 h", "1 day 2 h", "45 min"; none: "no target".</summary>
    public static string Minutes(int? minutes)
    {
        if (minutes is not { } m) return "no target";
        var (days, hours, mins) = (m / (24 * 60), m / 60 % 24, m % 60);
        var parts = new List<string>();
        if (days > 0) parts.Add(days == 1 ? "1 day" : $"{days.ToString(CultureInfo.InvariantCulture)} days");
        if (hours > 0) parts.Add($"{hours.ToString(CultureInfo.InvariantCulture)} h");
        if (mins > 0) parts.Add($"{mins.ToString(CultureInfo.InvariantCulture)} min");
        return string.Join(" ", parts);
    }

    public static string Mode(string mode) => mode switch
    {
        AiModes.Answer => "answers directly",
        AiModes.Verify => "answers after a second agent checks",
        AiModes.Copilot => "drafts for a person",
        AiModes.People => "people only",
        _ => mode,
    };

    public static string Intent(string intent) => intent == AiPolicies.Default ? "every other intent" : intent;

    public static string Percent(double share) => share.ToString("0%", CultureInfo.InvariantCulture);
}
