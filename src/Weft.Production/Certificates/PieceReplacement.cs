namespace Weft.Production.Certificates;

// An earlier piece that this one replaced (after a QC failure or a redesign).
internal sealed record PieceReplacement(string ReplacedSerial, int Generation, string Reason, DateTime At);
