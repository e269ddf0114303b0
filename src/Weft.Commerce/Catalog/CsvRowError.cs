namespace Weft.Commerce.Catalog;

/// <param name="Row">The row as a spreadsheet numbers it: the header is row 1, the first product row 2.</param>
/// <param name="Column">The column's name in the header (<c>barcode</c>), or <c>*</c> when the row as a whole is wrong.</param>
public sealed record CsvRowError(int Row, string Column, string Message);
