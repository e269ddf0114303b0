namespace Weft.Platform.Web.Documents;

/// <summary>One row of a document's table; alert rows (a failed check) print in red so they stand out on paper.</summary>
public sealed record DocumentRow(IReadOnlyList<string> Cells, bool Alert = false);
