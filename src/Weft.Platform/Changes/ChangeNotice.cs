namespace Weft.Platform.Changes;

/// <summary>What one committed transaction changed in one tenant: the tables it wrote, and whether it published integration events.</summary>
public sealed record ChangeNotice(long Tenant, IReadOnlySet<string> Tables, bool PublishedEvents);
