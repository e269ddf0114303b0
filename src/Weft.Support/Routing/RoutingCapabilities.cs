namespace Weft.Support.Routing;

/// <summary>
/// How support speaks to the engine's assignment: a person is in a team by holding <c>team:&lt;key&gt;</c> and speaks a
/// language by holding <c>lang:&lt;iso code&gt;</c>; triage writes the conversation's into the turn's data, where the reply
/// step requires the team (<see cref="TeamField"/>) and prefers the language (<see cref="LanguageField"/>).
/// </summary>
internal static class RoutingCapabilities
{
    public const string TeamPrefix = "team:";
    public const string LanguagePrefix = "lang:";

    /// <summary>The turn's data fields the reply step's routing reads.</summary>
    public const string TeamField = "routeTeam";
    public const string LanguageField = "routeLanguage";

    /// <summary>The intent a routing rule for every other intent is written under.</summary>
    public const string AnyIntent = "*";

    public static string Team(string key) => TeamPrefix + key;

    public static string? Language(string? code) =>
        string.IsNullOrWhiteSpace(code) ? null : LanguagePrefix + code.Trim().ToLowerInvariant();
}
