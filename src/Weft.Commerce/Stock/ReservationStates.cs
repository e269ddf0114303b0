namespace Weft.Commerce.Stock;

public static class ReservationStates
{
    public const string Active = "active";
    public const string Released = "released";
    public const string Consumed = "consumed";
}
