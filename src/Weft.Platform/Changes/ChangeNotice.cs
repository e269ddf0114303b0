using System.Collections.Frozen;

namespace Weft.Platform.Changes;

/// <summary>
/// What one committed transaction changed in one tenant: the tables it wrote, whether it published
/// integration events, and the topics its module announced for this process's own listeners (say, the
/// engine's "automated work was assigned here"), which spare them a read on every other commit.
/// </summary>
public sealed record ChangeNotice(long Tenant, IReadOnlySet<string> Tables, bool PublishedEvents)
{
    private static readonly IReadOnlySet<string> NoTopics = new HashSet<string>().ToFrozenSet();

    /// <summary>Announced by the module that committed (see <c>ModuleDbContext.Announce</c>); not carried to other processes.</summary>
    public IReadOnlySet<string> Topics { get; init; } = NoTopics;

    /// <summary>In <see cref="Tables"/>: some tables changed, too many to name; every subscriber of the tenant reads again.</summary>
    public const string AnyTable = "*";

    public bool Touches(IReadOnlySet<string> tables) => Tables.Contains(AnyTable) || Tables.Overlaps(tables);
}
