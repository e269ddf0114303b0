namespace Weft.Production.Certificates;

// Alert rows (a failed QC) print in red so they stand out on paper.
internal sealed record CertificateRow(IReadOnlyList<string> Cells, bool Alert = false);
