namespace Weft.Production.Certificates;

internal sealed record CertificateColumn(string Header, double Width);
