namespace Weft.Platform.Web.Modules;

/// <summary>A gauge with one value per state label.</summary>
public sealed record Gauge(string Name, string Help, IReadOnlyDictionary<string, int> ByState);
