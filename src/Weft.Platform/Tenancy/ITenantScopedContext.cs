namespace Weft.Platform.Tenancy;

/// <summary>A database context that reads and writes the rows of one tenant.</summary>
public interface ITenantScopedContext
{
    /// <summary>The tenant whose rows this context sees; 0 sees none.</summary>
    long TenantId { get; }

    /// <summary>
    /// False only when the application's own tenant filter is switched off (a diagnostic mode for
    /// PostgreSQL, where row-level security still isolates tenants).
    /// </summary>
    bool ApplicationFilter { get; }
}
