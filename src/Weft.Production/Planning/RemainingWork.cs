namespace Weft.Production.Planning;

/// <summary>Work still to do at one routing node: pieces left times the node's standard minutes per piece.</summary>
internal sealed record RemainingWork(string Capability, double Pieces, double StandardMinutesPerPiece)
{
    public double StandardMinutes => Pieces * StandardMinutesPerPiece;
}
