namespace Weft.Support.Triage;

/// <param name="Row">The row as a spreadsheet numbers it: the header is row 1, the first example row 2.</param>
/// <param name="Column"><c>text</c>, <c>intent</c>, or <c>*</c> when the row as a whole is wrong.</param>
internal sealed record ExampleRowError(int Row, string Column, string Message);
