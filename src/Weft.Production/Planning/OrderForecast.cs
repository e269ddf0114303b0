namespace Weft.Production.Planning;

/// <summary>
/// When an order should finish, shown beside its due date. <see cref="Finish"/> is null when it cannot be forecast, with
/// <see cref="Reason"/> (a <see cref="ForecastReasons"/> code) and <see cref="Detail"/> saying why.
/// </summary>
internal sealed record OrderForecast(long OrderId, DateOnly? Due, DateOnly? Finish, bool Late, string? Reason = null, string? Detail = null);
