namespace Weft.Platform.Web.Security;

/// <summary>Every permission and scope the modules declare, and what each role and scope holds.</summary>
public sealed class PermissionCatalog
{
    public PermissionCatalog(IEnumerable<PermissionDefinition> permissions, IEnumerable<ScopeDefinition> scopes)
    {
        Permissions = permissions.ToList();
        Scopes = scopes.ToList();
        var duplicate = Permissions.GroupBy(p => p.Name).FirstOrDefault(g => g.Count() > 1)?.Key
            ?? Scopes.GroupBy(s => s.Name).FirstOrDefault(g => g.Count() > 1)?.Key;
        if (duplicate is not null) throw new InvalidOperationException($"'{duplicate}' is declared by two modules.");
        if (Permissions.FirstOrDefault(p => !Roles.All.Contains(p.LowestRole)) is { } bad)
            throw new InvalidOperationException($"Permission '{bad.Name}' names an unknown role '{bad.LowestRole}'.");
        if (Scopes.SelectMany(s => s.Grants).FirstOrDefault(g => Permissions.All(p => p.Name != g)) is { } unknown)
            throw new InvalidOperationException($"A scope grants '{unknown}', which no module declares.");
    }

    public IReadOnlyList<PermissionDefinition> Permissions { get; }

    public IReadOnlyList<ScopeDefinition> Scopes { get; }

    public IReadOnlyList<string> ScopeNames => Scopes.Select(s => s.Name).ToList();

    public IReadOnlyList<string> OfRole(string role) =>
        Permissions.Where(p => Roles.Includes(role, p.LowestRole)).Select(p => p.Name).ToList();

    public IReadOnlyList<string> OfScopes(IEnumerable<string> scopes)
    {
        var wanted = scopes.ToHashSet(StringComparer.Ordinal);
        return Scopes.Where(s => wanted.Contains(s.Name)).SelectMany(s => s.Grants).Distinct().ToList();
    }

    public bool IsScope(string name) => Scopes.Any(s => s.Name == name);
}
