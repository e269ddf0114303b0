namespace Weft.Platform.Web.Ui;

/// <summary>A number on someone's home page, linking to the page that acts on it.</summary>
/// <param name="Urgent">Shown as needing attention (work waiting for a decision, failures).</param>
public sealed record HomeFigure(string Title, int Value, string Description, string Href, bool Urgent = false, int Order = 0);
