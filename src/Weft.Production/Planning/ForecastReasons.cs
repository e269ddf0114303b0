namespace Weft.Production.Planning;

/// <summary>Why a finish date cannot be forecast.</summary>
internal static class ForecastReasons
{
    /// <summary>No agent, present or away, has a capability the order still needs.</summary>
    public const string NoPeople = "no_people_with_capability";

    /// <summary>The queue for a capability does not drain within the forecast's horizon.</summary>
    public const string BeyondHorizon = "beyond_horizon";
}
