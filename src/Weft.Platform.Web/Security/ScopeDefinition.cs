namespace Weft.Platform.Web.Security;

/// <summary>A scope an API key can be given, and the permissions it grants.</summary>
public sealed record ScopeDefinition(string Name, string Description, IReadOnlyList<string> Grants);
