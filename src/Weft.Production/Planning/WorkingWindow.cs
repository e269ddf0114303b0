using System.Globalization;

namespace Weft.Production.Planning;

/// <summary>One stretch of work within a day, e.g. 08:00–12:00. A night shift is two windows on two days.</summary>
internal sealed record WorkingWindow(TimeOnly Start, TimeOnly End)
{
    public int Minutes => (int)(End - Start).TotalMinutes;

    public override string ToString() =>
        $"{Start.ToString("HH:mm", CultureInfo.InvariantCulture)}–{End.ToString("HH:mm", CultureInfo.InvariantCulture)}";
}
