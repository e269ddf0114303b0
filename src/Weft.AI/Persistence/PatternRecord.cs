using Weft.Platform.Persistence;
using Weft.Platform.Tenancy;

namespace Weft.AI.Persistence;

/// <summary>A multi-agent pattern a tenant instantiated: the graph it made, how it was asked for, and the bound on what one run may spend.</summary>
internal sealed class PatternRecord : ITenantOwned, IVersioned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    /// <summary>The engine graph it made (one pattern per graph).</summary>
    public string GraphKey { get; set; } = "";
    public string Kind { get; set; } = "";
    /// <summary>The request it was made from, as JSON.</summary>
    public string SpecJson { get; set; } = "{}";
    /// <summary>US dollars one job of the graph may spend on AI steps; null: no bound beyond the agents' own budgets.</summary>
    public decimal? MaxCost { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }
}
