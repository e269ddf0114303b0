namespace Weft.Production.Certificates;

/// <summary>One piece (or batch unit) of an order: its latest generation, where it stands, and whether it has a certificate.</summary>
/// <param name="Serial">The piece's serial as printed: the order's number and the unit's number (<c>MO-00012-003</c>).</param>
public sealed record PieceDto(string Serial, int Unit, int Generation, string State, string Node, DateTime? CompletedAt, bool Certified);

public sealed record VerifyCertificateRequest(string? Serial, string? Code);

/// <summary>What a verification found; the piece's details only when the code is right.</summary>
public sealed record CertificateCheckDto(bool Valid, string? Serial, string? Order, string? Product, int? Generation, DateTime? CompletedAt);
