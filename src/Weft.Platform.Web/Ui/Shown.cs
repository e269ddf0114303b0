using System.Globalization;

namespace Weft.Platform.Web.Ui;

/// <summary>How the pages write values for people: times in UTC, states and codes in words.</summary>
public static class Shown
{
    public const string Nothing = "—";

    public static string When(DateTime? at) =>
        at is { } t ? t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC" : Nothing;

    /// <summary>A duration in whole minutes, with hours past the first hour (<c>7 min</c>, <c>1 h 05 min</c>).</summary>
    public static string Minutes(double? minutes)
    {
        if (minutes is not { } m || double.IsNaN(m) || m < 0) return Nothing;
        var whole = (int)Math.Round(m, MidpointRounding.AwayFromZero);
        return whole < 60 ? $"{whole} min" : $"{whole / 60} h {(whole % 60).ToString("D2", CultureInfo.InvariantCulture)} min";
    }

    /// <summary>A share (0.5) as a whole percentage (<c>50%</c>).</summary>
    public static string Percent(double? share) =>
        share is { } s && !double.IsNaN(s) ? Math.Round(s * 100, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture) + "%" : Nothing;

    /// <summary>A state or code (<c>in_progress</c>, <c>no_eligible_agent</c>) as words.</summary>
    public static string Words(string code) => code.Replace('_', ' ');

    /// <summary>An outcome as a button says it (<c>pass</c>: Pass).</summary>
    public static string Capitalized(string word) =>
        word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];
}
