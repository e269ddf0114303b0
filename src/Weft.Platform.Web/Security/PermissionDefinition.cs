namespace Weft.Platform.Web.Security;

/// <summary>
/// A permission a module's endpoints and pages ask for (also the name of its authorization policy),
/// and the lowest role that holds it.
/// </summary>
public sealed record PermissionDefinition(string Name, string Description, string LowestRole);
