namespace Weft.Production.Planning;

/// <summary>What one day holds against what is asked of it, for one capability or for the whole team.</summary>
internal sealed record DayLoad(int Available, double Demanded)
{
    // Spreading in doubles leaves traces such as 480.00000000000006; they are not an overload.
    private const double Tolerance = 1e-6;

    public bool Overloaded => Demanded > Available + Tolerance;
}
