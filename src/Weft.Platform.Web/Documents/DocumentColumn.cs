namespace Weft.Platform.Web.Documents;

/// <summary>A column of a document's table: its header and width in points.</summary>
public sealed record DocumentColumn(string Header, double Width);
