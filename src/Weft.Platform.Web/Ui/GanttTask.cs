namespace Weft.Platform.Web.Ui;

/// <summary>A bar of <see cref="GanttView"/>: whole days from <paramref name="Start"/> to <paramref name="End"/>.</summary>
/// <param name="Progress">Per cent done, 0-100.</param>
/// <param name="CssClass">Marks the bar (<c>weft-gantt-late</c> draws it in the error colour).</param>
public sealed record GanttTask(string Id, string Name, DateOnly Start, DateOnly End, int Progress, string? CssClass = null)
{
    /// <summary>A day marked on the bar's row at its end (a forecast finish, say), named by <see cref="MarkerLabel"/>.</summary>
    public DateOnly? Marker { get; init; }

    public string? MarkerLabel { get; init; }
}

/// <summary>Where a person dragged a bar to.</summary>
public sealed record GanttChange(string Id, DateOnly Start, DateOnly End);
