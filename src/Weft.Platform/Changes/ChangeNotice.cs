namespace Weft.Platform.Changes;

/// <summary>What one committed transaction changed in one tenant: the tables it wrote, and whether it published integration events.</summary>
public sealed record ChangeNotice(long Tenant, IReadOnlySet<string> Tables, bool PublishedEvents)
{
    /// <summary>In <see cref="Tables"/>: some tables changed, too many to name; every subscriber of the tenant reads again.</summary>
    public const string AnyTable = "*";

    public bool Touches(IReadOnlySet<string> tables) => Tables.Contains(AnyTable) || Tables.Overlaps(tables);
}
